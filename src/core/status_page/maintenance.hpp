#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/incident/event.hpp"
#include "core/status_page/public_incident.hpp"

namespace warroom::core::status_page {

// Where a scheduled maintenance stands, by the hosted Statuspage API's names.
enum class MaintenanceStatus { kScheduled, kInProgress, kVerifying, kCompleted };
std::string_view MaintenanceStatusName(MaintenanceStatus s);  // "scheduled", "in_progress", ...
// What a person posts: in_progress, verifying or completed ("scheduled" is
// where one begins, never posted).
Result<MaintenanceStatus> ParseMaintenanceUpdateStatus(std::string_view s);

// A scheduled maintenance as the page shows it: its window, the components
// it affects, what was said about it. It starts with its window unless a
// person started it early, and completes when its window ends unless a
// person completed it early or moved the end; while it runs its components
// are under maintenance (an incident's worse status still shows over it).
struct Maintenance {
  std::string id;
  std::string name;
  TimePoint scheduled_for;
  TimePoint scheduled_until;            // as last moved
  std::vector<std::string> components;  // configured ids
  std::vector<PublicUpdate> updates;    // newest first; status as the update set it
  TimePoint created_at;
  TimePoint updated_at;
  std::optional<TimePoint> started_at;    // a person's in_progress update
  std::optional<TimePoint> verifying_at;  // a person's verifying update
  std::optional<TimePoint> completed_at;  // a person's completed update

  TimePoint StartsAt() const;  // when its components go under maintenance
  TimePoint EndsAt() const;    // when they come back
  MaintenanceStatus StatusAt(TimePoint t) const;
  // In progress or verifying at `t`: its components under maintenance.
  bool Running(TimePoint t) const;
  // When it last changed status by itself or by a person, at or before `t`.
  TimePoint StatusChangedAt(TimePoint t) const;
  // Its latest change as of `t`: a word said, or a status reached.
  TimePoint ChangedAt(TimePoint t) const { return std::max(updated_at, StatusChangedAt(t)); }
  // Its components under maintenance, for the page's history and statuses.
  std::vector<Contribution> Contributions() const;
};

// The maintenances of the status-page chain's events (in order), oldest
// first. An update of an unknown maintenance, a component the configuration
// no longer has, or a status this version does not know is skipped.
std::vector<Maintenance> MaintenancesOf(const std::vector<Event>& chain,
                                        const std::vector<Component>& components);

}  // namespace warroom::core::status_page
