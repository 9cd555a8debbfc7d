#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>

#include "base/result.hpp"
#include "base/time.hpp"

namespace warroom::engine {

// When a module next needs to run, as its Tick answers.
//
// `at` is on the runner's clock (real or simulated): the module runs once
// the clock reaches it, and an Advance of simulated time stops there, so
// what is due runs with the world as it was at its due time. Without `at`
// the module runs when woken. `within` bounds the sleep in real time
// whatever the clock: for housekeeping measured in the real world (signing
// the log, leases a killed process left), which an Advance does not stop for.
struct NextTick {
  std::optional<TimePoint> at;
  std::optional<std::chrono::steady_clock::duration> within;

  static NextTick At(TimePoint t) { return NextTick{t, std::nullopt}; }
  static NextTick WhenWoken() { return NextTick{}; }
  // The same, but run again after `d` of real time at the latest.
  NextTick OrWithin(std::chrono::steady_clock::duration d) const { return NextTick{at, d}; }
};

// A piece of background work driven by the ModuleRunner: the clock runner,
// the dispatcher, the checkpointer, and the next ones (escalation steps,
// reminders, hand-offs). A module holds no thread of its own for scheduling;
// the runner calls Tick on its thread, one module at a time.
class Module {
 public:
  virtual ~Module() = default;

  // For the log: "module <name>: ..." (stable, lower case).
  virtual std::string_view Name() const = 0;

  // Does what is due at `now` and answers when it next needs to run. An
  // error (or an exception) is logged with the module's name and the module
  // is ticked again after the runner's retry delay; the others run on.
  virtual Result<NextTick> Tick(TimePoint now) = 0;

  // Asks the runner to tick this module soon: a commit made work due sooner
  // (armed a clock, queued a message). Thread-safe, cheap, coalesced; does
  // nothing while the module is not under a runner.
  void Wake();

 private:
  friend class ModuleRunner;
  void Attach(std::function<void()> wake);

  std::mutex wake_mu_;
  std::function<void()> wake_;
};

}  // namespace warroom::engine
