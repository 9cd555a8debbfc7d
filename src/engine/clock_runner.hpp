#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <queue>
#include <thread>
#include <unordered_map>
#include <vector>

#include "base/clock.hpp"
#include "engine/incident_service.hpp"

namespace warroom::engine {

// Background module: records each clock breach of every incident, once, at
// its due time. A retroactive breach (already past due when its incident was
// recorded, through a late `--at`) is not an event: the clock shows it and it
// notifies no one. It keeps the due times of every pending clock in a heap and
// sleeps until the earliest (or until a commit reschedules), so it costs
// nothing while nothing is due, however many incidents are open.
//
// On simulated time it never sleeps on the wall clock: Advance moves the
// clock forward, stopping at every due time in order and returning once the
// breaches due by then are committed.
class ClockRunner {
 public:
  ClockRunner(IncidentService& incidents, std::shared_ptr<Clock> clock);
  ~ClockRunner();

  // Replaces the schedule of one incident with its pending clocks (and any
  // breach not yet recorded). Thread-safe; wakes the runner.
  void Schedule(const core::IncidentState& s, const std::vector<core::ClockView>& clocks);

  // Schedules every incident whose clocks can still fire (start-up).
  Outcome LoadIncidents();

  void Start();
  void Stop();

  // Simulated clock only: advances by `by`, recording every breach due on the
  // way in due order; `done` gets the new time. kFailedPrecondition on a real
  // clock.
  void Advance(Duration by, std::function<void(Result<TimePoint>)> done);

  // For tests and benchmarks.
  std::size_t scheduled() const;
  std::uint64_t recorded() const { return recorded_.load(); }

 private:
  struct Entry {
    TimePoint fire_at;  // the due time, or later when a failed write is retried
    TimePoint due;
    std::string id;
    core::ClockKind kind;
    bool retroactive;
    bool operator>(const Entry& o) const { return fire_at > o.fire_at; }
  };
  void Loop();
  // Earliest still-valid entry (drops stale ones). Needs mu_.
  std::optional<Entry> PeekLocked();
  // Records every breach due before `now`, in due order.
  void RunDue(TimePoint now);
  Result<TimePoint> DoAdvance(Duration by);
  bool Valid(const Entry& e) const;

  IncidentService& incidents_;
  std::shared_ptr<Clock> clock_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap_;
  // The schedule of each incident: what heap entries are still valid.
  std::unordered_map<std::string, std::vector<std::pair<core::ClockKind, TimePoint>>> current_;
  std::deque<std::pair<Duration, std::function<void(Result<TimePoint>)>>> advances_;
  bool stop_ = false;
  std::thread thread_;
  std::atomic<std::uint64_t> recorded_{0};
};

}  // namespace warroom::engine
