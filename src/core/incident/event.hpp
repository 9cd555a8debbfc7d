#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/time.hpp"
#include "core/clocks/clock_kind.hpp"
#include "core/incident/kinds.hpp"
#include "core/incident/role.hpp"
#include "core/severity/severity.hpp"

namespace warroom::core {

// Who caused an event.
struct Actor {
  enum class Kind {
    kUser,         // a person, by handle
    kIntegration,  // an alert source, by integration name
    kSystem,       // warroom itself (clocks, deliveries)
  };
  Kind kind = Kind::kUser;
  std::string id;

  static Actor User(std::string handle) { return {Kind::kUser, std::move(handle)}; }
  static Actor System() { return {Kind::kSystem, "warroom"}; }
  bool operator==(const Actor&) const = default;
};
std::string_view ActorKindName(Actor::Kind k);
Result<Actor::Kind> ParseActorKind(std::string_view s);

// Partial impact facts: absent fields are unchanged.
struct ImpactChange {
  std::optional<std::int64_t> customers_affected;
  std::optional<double> customers_affected_pct;
  std::optional<std::vector<std::string>> affected_components;
  std::optional<std::string> workaround;
  std::optional<TimePoint> eta;
  std::optional<std::string> revenue_impact;
  std::optional<TimePoint> impact_start;
  bool Empty() const {
    return !customers_affected && !customers_affected_pct && !affected_components && !workaround &&
           !eta && !revenue_impact && !impact_start;
  }
  bool operator==(const ImpactChange&) const = default;
};

// The events of an incident's timeline, in the past tense. Their JSON shape
// (api/event_json) is a public format: fields are added, never changed.
namespace events {

struct Declared {
  Severity severity = Severity::kP3;
  std::string summary;
  std::optional<TimePoint> detected_at;  // alert fired or issue reported
  DetectionSource source = DetectionSource::kInternalDiscovery;
  Visibility visibility = Visibility::kPublic;
  std::string policy_version;
  std::string commander;  // the declarer is IC until reassigned
  ImpactChange impact;
  bool operator==(const Declared&) const = default;
};
struct Acknowledged {
  std::string by;
  bool operator==(const Acknowledged&) const = default;
};
struct SeverityChanged {
  Severity from = Severity::kP3;
  Severity to = Severity::kP3;
  std::string reason;
  bool operator==(const SeverityChanged&) const = default;
};
struct RootCauseIdentified {
  std::string summary;
  std::string category;
  bool operator==(const RootCauseIdentified&) const = default;
};
struct Mitigated {
  std::string action;  // what restored service
  bool operator==(const Mitigated&) const = default;
};
struct Resolved {
  std::string summary;
  bool forced = false;  // resolved within the stability window
  std::string reason;   // why it was forced
  bool operator==(const Resolved&) const = default;
};
struct Closed {
  std::string pir_url;
  bool operator==(const Closed&) const = default;
};
struct Reopened {
  std::string reason;
  bool operator==(const Reopened&) const = default;
};
struct Dismissed {
  DismissReason reason = DismissReason::kFalseAlarm;
  std::string note;
  bool operator==(const Dismissed&) const = default;
};
struct RoleAssigned {
  Role role = Role::kScribe;
  std::string user;
  std::string previous;  // empty when the role was vacant
  bool operator==(const RoleAssigned&) const = default;
};
struct ResponderJoined {
  std::string user;
  bool operator==(const ResponderJoined&) const = default;
};
struct ResponderLeft {
  std::string user;
  bool operator==(const ResponderLeft&) const = default;
};
struct TaskAdded {
  std::int64_t task_id = 0;
  std::string title;
  std::string assignee;
  bool operator==(const TaskAdded&) const = default;
};
struct TaskCompleted {
  std::int64_t task_id = 0;
  bool operator==(const TaskCompleted&) const = default;
};
// A PIR's preventive action, owned by the incident (added also after close).
struct ActionItemAdded {
  std::int64_t item_id = 0;  // 1, 2, ... within the incident
  std::string title;
  std::string owner;  // a user's handle
  std::string due;    // a calendar date, YYYY-MM-DD (overdue once it has passed, UTC)
  Severity priority = Severity::kP1;  // P0..P2, as in the template
  std::string tracker_url;            // the tracker issue, when there is one
  bool operator==(const ActionItemAdded&) const = default;
};
// What changed of an action item: absent fields are unchanged.
struct ActionItemUpdated {
  std::int64_t item_id = 0;
  std::optional<std::string> title;
  std::optional<std::string> owner;
  std::optional<std::string> due;
  std::optional<Severity> priority;
  std::optional<std::string> tracker_url;
  std::optional<ActionStatus> status;
  std::string reason;  // why (required for won't do)
  bool operator==(const ActionItemUpdated&) const = default;
};
// warroom reminded the people of an overdue item (at most once a UTC day).
struct ActionItemReminded {
  std::int64_t item_id = 0;
  std::string day;              // the UTC day of the reminder, YYYY-MM-DD
  int reminder = 1;             // 1: the owner; later ones also the IC
  std::vector<std::string> to;  // who was reminded
  bool operator==(const ActionItemReminded&) const = default;
};
struct NoteAdded {
  NoteKind kind = NoteKind::kFinding;
  std::string text;
  bool operator==(const NoteAdded&) const = default;
};
struct UpdatePosted {
  Audience audience = Audience::kInternal;
  std::string text;
  std::string template_name;  // empty when written by hand
  bool operator==(const UpdatePosted&) const = default;
};
struct LinkAdded {
  std::string kind;  // "war-room", "incident-doc", "dashboard", ...
  std::string url;
  std::string title;
  bool operator==(const LinkAdded&) const = default;
};
struct ImpactUpdated {
  ImpactChange change;
  bool operator==(const ImpactUpdated&) const = default;
};
struct VisibilityChanged {
  Visibility visibility = Visibility::kPublic;
  std::string reason;
  bool operator==(const VisibilityChanged&) const = default;
};

// A clock passed its due time unmet. Recorded once per (clock, due time), at
// the due time, by the system.
struct ClockBreached {
  ClockKind clock = ClockKind::kAcknowledge;
  TimePoint due_at;
  // Already past due when warroom learned of the incident (a late `--at`):
  // recorded for the audit, notifies no one.
  bool retroactive = false;
  bool operator==(const ClockBreached&) const = default;
};

// The IC pages someone (a person or a group), even off duty.
struct PageRequested {
  std::string to;
  std::string reason;
  bool operator==(const PageRequested&) const = default;
};
// The IC declares a code freeze: deploy pipelines read GET /api/v1/freezes.
struct FreezeDeclared {
  std::string reason;
  bool operator==(const FreezeDeclared&) const = default;
};
struct FreezeLifted {
  std::string reason;
  bool operator==(const FreezeLifted&) const = default;
};

// The administration chain: what was done to warroom itself rather than to
// an incident, on a chain of its own in the same log (hash-chained, numbered
// with the rest, signed by the checkpoints, checked by `warroom verify`).
// Its id cannot be an incident's (those are INC-...); nothing that reads
// incidents reads it.
inline constexpr std::string_view kAdminChain = "admin";

// `warroom admin reset`, run offline on the database: `handle` was made an
// active admin again with a fresh token and sign-in link (the recovery when
// the only admin's token is lost).
struct AdminReset {
  std::string handle;
  std::string operator_name;  // who ran it: the system user and host
  std::string reason;
  bool created = false;   // the user did not exist
  bool promoted = false;  // their permission was lower
  bool enabled = false;   // they were disabled
  std::int64_t tokens_revoked = 0;
  std::int64_t sessions_revoked = 0;
  bool operator==(const AdminReset&) const = default;
};

// The status-page chain: what people publish on the public status page
// apart from incidents (components' statuses, and scheduled maintenance), on
// a chain of its own like the administration chain; nothing that reads
// incidents reads it.
inline constexpr std::string_view kStatusPageChain = "status-page";

// The chains that are not an incident's (no incident read shows them).
inline bool IsSystemChain(std::string_view id) {
  return id == kAdminChain || id == kStatusPageChain;
}

// A person set a component's status on the public page. It stands until an
// incident that affects the component begins (which then holds it until
// mitigated) or a person sets another (docs/status-page.md).
struct ComponentStatusSet {
  std::string component;  // its configured id
  std::string status;     // operational, degraded_performance, ... (the Statuspage API's names)
  std::string note;       // why, for the timeline (not shown on the page)
  bool operator==(const ComponentStatusSet&) const = default;
};

// A publisher announced scheduled maintenance: its window and the
// components it affects (under maintenance while it is in progress).
struct MaintenanceScheduled {
  std::string maintenance_id;  // random, public (the page's and the API's id)
  std::string name;
  TimePoint scheduled_for;
  TimePoint scheduled_until;
  std::vector<std::string> components;  // configured ids
  std::string body;                     // the announcement
  bool operator==(const MaintenanceScheduled&) const = default;
};
// A publisher's update of it: `status` in_progress (started, early or on
// time), verifying or completed (ended, early or on time); empty: a word
// only. Without one it starts and completes with its window. An update may
// move the window's end (a maintenance that overruns, announced so).
struct MaintenanceUpdated {
  std::string maintenance_id;
  std::string status;
  std::string body;
  std::optional<TimePoint> scheduled_until;
  bool operator==(const MaintenanceUpdated&) const = default;
};

// What became of one outbound message (the outbox keeps every attempt; the
// timeline records the outcome a person needs to read later).
struct MessageOutcome {
  std::int64_t message_id = 0;
  std::string destination;
  std::string kind;      // page, message, reminder, escalation
  std::string audience;  // internal, executives, status-page, customers
  int attempts = 0;
  std::string detail;  // the last error, for failures
  bool operator==(const MessageOutcome&) const = default;
};
struct MessageDelivered : MessageOutcome {};
// Given up after the configured attempts, or refused by the receiver.
struct MessageDeadLettered : MessageOutcome {};
// Sent, but whether it arrived is unknown (a timeout after sending); not
// retried for customer and status messages: the Communications Lead checks.
struct MessageOutcomeUnknown : MessageOutcome {};

// The alerts of one group (an integration's group key) joined the
// incident. Recorded when the group first attaches and when it fires again
// after all its alerts had resolved (`recurrence`); repeats and further alerts
// of a group that is still firing add nothing to the timeline.
struct AlertGroupAttached {
  std::string integration;
  std::string group_key;
  std::string summary;
  std::int64_t alerts = 0;  // alerts of the group this report attached
  TimePoint first_started_at;
  bool recurrence = false;
  bool operator==(const AlertGroupAttached&) const = default;
};
// Alerts of one group resolved (their source said so).
struct AlertsResolved {
  std::string integration;
  std::string group_key;
  std::int64_t resolved = 0;      // alerts this report resolved
  std::int64_t group_firing = 0;  // alerts of the group still firing
  std::int64_t firing = 0;        // alerts of the incident still firing (0: all resolved)
  bool operator==(const AlertsResolved&) const = default;
};

}  // namespace events

using EventPayload =
    std::variant<events::Declared, events::Acknowledged, events::SeverityChanged,
                 events::RootCauseIdentified, events::Mitigated, events::Resolved, events::Closed,
                 events::Reopened, events::Dismissed, events::RoleAssigned, events::ResponderJoined,
                 events::ResponderLeft, events::TaskAdded, events::TaskCompleted, events::NoteAdded,
                 events::UpdatePosted, events::LinkAdded, events::ImpactUpdated,
                 events::VisibilityChanged, events::ClockBreached, events::MessageDelivered,
                 events::MessageDeadLettered, events::MessageOutcomeUnknown, events::PageRequested,
                 events::FreezeDeclared, events::FreezeLifted, events::AlertGroupAttached,
                 events::AlertsResolved, events::AdminReset, events::ComponentStatusSet,
                 events::MaintenanceScheduled, events::MaintenanceUpdated, events::ActionItemAdded,
                 events::ActionItemUpdated, events::ActionItemReminded>;

// The type name stored with the event: "declared", "acknowledged", ...
std::string_view EventTypeName(const EventPayload& p);

// True for the events that move the lifecycle (an `--at` may not precede the
// last of them).
bool IsLifecycleStep(const EventPayload& p);

// One entry of an incident's timeline.
struct Event {
  std::string incident_id;
  std::int64_t incident_seq = 0;  // 1, 2, ... within the incident
  std::int64_t global_seq = 0;    // gap-free across all incidents; set by the store
  TimePoint occurred_at;          // when it happened (metrics use this)
  TimePoint recorded_at;          // when warroom learned of it (the audit keeps both)
  Actor actor;
  EventPayload payload;
};

}  // namespace warroom::core
