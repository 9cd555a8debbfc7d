#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <queue>
#include <unordered_map>
#include <vector>

#include "base/clock.hpp"
#include "engine/incident_service.hpp"
#include "engine/module.hpp"

namespace warroom::engine {

// Module: records each clock breach of every incident, once, at its due
// time. A retroactive breach (already past due when its incident was
// recorded, through a late `--at`) is not an event: the clock shows it and it
// notifies no one. It keeps the due times of every pending clock in a heap
// and asks the runner to tick it just after the earliest (or when a commit
// reschedules), so it costs nothing while nothing is due, however many
// incidents are open. Under a ModuleRunner on simulated time, an Advance
// stops at every due time in order.
class ClockRunner final : public Module {
 public:
  ClockRunner(IncidentService& incidents, std::shared_ptr<const Clock> clock);

  std::string_view Name() const override { return "clock_runner"; }

  // Records every breach due before `now` (in due order, waiting for the
  // writes) and answers just after the next due time, or "when woken". A
  // write that fails for the store is tried again a second later on real
  // time; one refused as no longer due is dropped. Never fails itself.
  Result<NextTick> Tick(TimePoint now) override;

  // Replaces the schedule of one incident with its pending clocks (and any
  // breach not yet recorded). Thread-safe; wakes the module.
  void Schedule(const core::IncidentState& s, const std::vector<core::ClockView>& clocks);

  // Schedules every incident whose clocks can still fire (start-up).
  Outcome LoadIncidents();
  // Schedules one incident again as the store has it (another instance
  // changed it).
  Outcome LoadIncident(const std::string& id);

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
  // Earliest still-valid entry (drops stale ones). Needs mu_.
  std::optional<Entry> PeekLocked();
  // Records every breach due before `now`, in due order.
  void RunDue(TimePoint now);
  bool Valid(const Entry& e) const;

  IncidentService& incidents_;
  std::shared_ptr<const Clock> clock_;
  mutable std::mutex mu_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap_;
  // The schedule of each incident: what heap entries are still valid.
  std::unordered_map<std::string, std::vector<std::pair<core::ClockKind, TimePoint>>> current_;
  std::atomic<std::uint64_t> recorded_{0};
};

}  // namespace warroom::engine
