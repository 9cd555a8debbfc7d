#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/incident/event.hpp"

namespace warroom::core {

struct Task {
  std::int64_t id = 0;
  std::string title;
  std::string assignee;
  bool done = false;
  TimePoint created_at;
  std::optional<TimePoint> done_at;
};

// A preventive action (the PIR template's table), tracked to done.
struct ActionItem {
  std::int64_t id = 0;
  std::string title;
  std::string owner;
  std::string due;  // YYYY-MM-DD
  Severity priority = Severity::kP1;
  ActionStatus status = ActionStatus::kNotStarted;
  std::string reason;  // the latest status change's reason (won't do's why)
  std::string tracker_url;
  std::string created_by;
  TimePoint created_at;
  TimePoint updated_at;
  std::optional<TimePoint> done_at;  // done or won't do
  int reminders = 0;                 // overdue reminders sent
  std::string last_reminded_day;     // YYYY-MM-DD of the latest, "" when none
  // Still owed after the day `due` (UTC): `today` is a YYYY-MM-DD.
  bool OverdueOn(const std::string& today) const { return IsOpen(status) && due < today; }
};

struct Link {
  std::string kind;
  std::string url;
  std::string title;
};

// An alert group attached to the incident (its alerts live in the alerts
// table; the timeline keeps when the group attached and resolved).
struct AlertGroupRef {
  std::string integration;
  std::string group_key;
  std::string summary;
  TimePoint attached_at;
  bool firing = true;  // false once all its alerts resolved
};

struct Impact {
  std::optional<std::int64_t> customers_affected;
  std::optional<double> customers_affected_pct;
  std::vector<std::string> affected_components;
  std::string workaround;
  std::optional<TimePoint> eta;
  std::string revenue_impact;
  std::optional<TimePoint> impact_start;  // when unset, detected_at (or declared_at)
};

struct RootCause {
  std::string summary;
  std::string category;
  TimePoint identified_at;  // the latest identification
};

// The current state of one incident: a pure fold over its events.
struct IncidentState {
  std::string id;
  std::int64_t last_seq = 0;  // the incident_seq of the last event applied
  bool declared = false;

  Severity severity = Severity::kP3;
  Status status = Status::kInvestigating;
  std::string summary;
  Visibility visibility = Visibility::kPublic;
  DetectionSource source = DetectionSource::kInternalDiscovery;
  std::string policy_version;
  std::string declared_by;
  TimePoint declared_at;
  TimePoint declared_recorded_at;
  std::optional<TimePoint> detected_at;
  TimePoint last_lifecycle_at;  // occurred_at of the latest lifecycle step
  TimePoint updated_at;         // occurred_at of the latest event

  std::optional<TimePoint> first_acknowledged_at;
  std::vector<std::string> acknowledged_by;
  std::map<Role, std::string> roles;
  std::vector<std::string> responders;

  std::optional<RootCause> root_cause;
  std::optional<TimePoint> first_identified_at;  // MTTI ends here
  std::optional<TimePoint> mitigated_at;         // the latest mitigation
  std::string mitigation;
  std::optional<TimePoint> resolved_at;  // the latest resolution (MTTR)
  std::string resolution;
  std::optional<TimePoint> closed_at;
  std::string pir_url;
  std::optional<DismissReason> dismissed_reason;
  int reopen_count = 0;

  Impact impact;
  std::vector<Task> tasks;
  std::vector<ActionItem> action_items;
  const ActionItem* FindActionItem(std::int64_t id) const;
  std::vector<Link> links;
  // A code freeze declared by the IC (active until lifted, or the incident
  // is closed or dismissed).
  bool freeze_declared = false;
  std::string freeze_reason;
  TimePoint freeze_since;
  bool FreezeActive() const {
    return freeze_declared && status != Status::kClosed && status != Status::kDismissed;
  }
  // "clock@due" of every clock_breached event, so a breach is recorded once.
  std::vector<std::string> recorded_breaches;
  // Every alert group attached, in order of first attachment.
  std::vector<AlertGroupRef> alert_groups;
  const AlertGroupRef* FindAlertGroup(const std::string& integration,
                                      const std::string& group_key) const;
  int note_count = 0;
  int update_count = 0;
  std::optional<TimePoint> last_update_at;

  // The IC's handle (empty when vacant).
  std::string Commander() const;
  // Everyone taking part: declarer, role holders, responders, acknowledgers
  // and task assignees. A restricted incident is visible only to them (and
  // admins).
  bool IsParticipant(const std::string& handle) const;
  std::vector<std::string> Participants() const;
  bool BreachRecorded(ClockKind clock, TimePoint due_at) const;
  // When impact began: impact.impact_start, else detected_at, else declared_at.
  TimePoint ImpactStart() const;
};

// Applies one event to the state. Pure; the event has already been decided.
void Apply(IncidentState& state, const Event& event);

// Folds a whole history.
IncidentState Fold(const std::vector<Event>& history);

}  // namespace warroom::core
