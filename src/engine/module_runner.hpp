#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "base/clock.hpp"
#include "engine/module.hpp"

namespace warroom::engine {

// Drives every background module on one thread, on the injected clock.
//
// Each module is ticked when the time it asked for comes (`NextTick::at`),
// when its real-time bound runs out (`within`), or when it is woken; modules
// due together tick in due order, then in the order they were added. A tick
// that fails (an error or an exception) is logged with the module's name and
// retried after `retry_after` of real time; the other modules run on.
//
// On real time the runner sleeps until the earliest due time. On simulated
// time it never sleeps on a simulated due time: Advance moves the clock
// forward, stopping at each due time in order and ticking what is due there,
// and answers once the last tick is done; so a scenario that advances time
// sees every breach and delivery due on the way, in order, deterministically.
//
// The runner does not own its modules: each must outlive Stop.
class ModuleRunner {
 public:
  explicit ModuleRunner(std::shared_ptr<Clock> clock,
                        std::chrono::steady_clock::duration retry_after = std::chrono::seconds(1));
  ~ModuleRunner();
  ModuleRunner(const ModuleRunner&) = delete;
  ModuleRunner& operator=(const ModuleRunner&) = delete;

  // Adds a module (before Start); its first tick is due at once.
  void Add(Module& module);

  // Starts the runner's thread. Idempotent.
  void Start();
  // Lets the tick under way finish, ticks nothing more, answers every queued
  // Advance kUnavailable and detaches the modules (their Wake does nothing
  // afterwards). Idempotent.
  void Stop();

  // Simulated clock only: advances by `by`, ticking every module due on the
  // way in due order; `done` gets the new time (on the runner's thread).
  // kFailedPrecondition on a real clock, kInvalidArgument for a negative
  // step, kUnavailable once stopping.
  void Advance(Duration by, std::function<void(Result<TimePoint>)> done);
  // The same, up to `to` (nothing when the clock is there already): an
  // instance catching up with time another instance advanced.
  void AdvanceTo(TimePoint to, std::function<void(Result<TimePoint>)> done);

  // Where simulated time is kept for every instance (the database): called
  // with each time an Advance stops at, before the modules due there tick,
  // and with the target of an Advance made while paused; its error ends
  // the Advance. Set before Start.
  void SetTimeKeeper(std::function<Outcome(TimePoint)> keep) { keep_ = std::move(keep); }

  // Paused, the runner ticks nothing (the tick under way finishes); an
  // Advance only keeps the new time (SetTimeKeeper) and sets the clock, for
  // the holder to catch up with; without a keeper it is refused
  // (kUnavailable). Resumed, every module ticks at once. For an instance
  // that does not hold the background lease of a shared database.
  // Thread-safe.
  void SetPaused(bool paused);
  bool paused() const;

  // Ticks run so far (tests).
  std::uint64_t ticks() const;

 private:
  using Steady = std::chrono::steady_clock;
  struct Slot {
    Module* module;
    std::optional<TimePoint> at;
    std::optional<Steady::time_point> by;
    bool woken = true;
  };
  void Loop();
  // Ticks, once each, every module due at `now` or woken. Without mu_.
  void RunReady(TimePoint now);
  // The index of every module due at `now`, in due order; clears their
  // wake-ups. Needs mu_.
  std::vector<std::size_t> TakeReadyLocked(TimePoint now, Steady::time_point real_now);
  // The earliest `at` of any module (a woken one counts as `now`). Needs mu_.
  std::optional<TimePoint> EarliestAtLocked(TimePoint now) const;
  // When the thread must look again on its own. Needs mu_.
  std::optional<Steady::time_point> WakeUpLocked(TimePoint now, Steady::time_point real_now) const;
  // An Advance waiting for the thread: by a step, or to a time.
  struct Step {
    std::optional<Duration> by;
    TimePoint to;
    std::function<void(Result<TimePoint>)> done;
  };
  void Queue(Step step);
  Result<TimePoint> DoAdvance(TimePoint target);
  // The target of `step` from `now`.
  static TimePoint TargetOf(const Step& step, TimePoint now);
  // Keeps `t` (SetTimeKeeper), then sets the clock there.
  Outcome MoveTo(TimePoint t);
  void Woken(std::size_t index);

  std::shared_ptr<Clock> clock_;
  Steady::duration retry_after_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Slot> slots_;
  std::deque<Step> advances_;
  std::function<Outcome(TimePoint)> keep_;
  bool stop_ = false;
  bool paused_ = false;
  std::uint64_t ticks_ = 0;
  std::thread thread_;
};

}  // namespace warroom::engine
