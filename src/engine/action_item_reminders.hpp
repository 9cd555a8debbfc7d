#pragma once

#include "engine/incident_service.hpp"
#include "engine/module.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// Module: reminds the people of every overdue action item (still owed after
// its due day, UTC), at most once a UTC day per item: the first time its
// owner, from the second day on the owner and the incident's IC (Decide
// says who; the notifier sends it). Runs at the start of each UTC day, and
// within the hour of real time so that an item reopened after its due day
// is not left for a day; an Advance of simulated time stops at each
// midnight.
class ActionItemReminders final : public Module {
 public:
  // Items reminded per read; the next read picks up where it stopped.
  static constexpr int kBatch = 200;
  ActionItemReminders(store::Store& store, IncidentService& incidents)
      : store_(store), incidents_(incidents) {}
  std::string_view Name() const override { return "action_item_reminders"; }
  Result<NextTick> Tick(TimePoint now) override;

  // For tests: reminders recorded since start.
  std::uint64_t reminded() const { return reminded_; }

 private:
  store::Store& store_;
  IncidentService& incidents_;
  std::uint64_t reminded_ = 0;
};

}  // namespace warroom::engine
