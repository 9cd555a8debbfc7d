#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/incident/event.hpp"
#include "core/incident/state.hpp"
#include "core/severity/policy.hpp"

namespace warroom::core {

// What a person asks of an incident, in the imperative. Decide() turns a
// command into events or refuses it.
namespace commands {

struct Declare {
  Severity severity = Severity::kP3;
  std::string summary;
  std::optional<TimePoint> detected_at;
  DetectionSource source = DetectionSource::kInternalDiscovery;
  std::optional<Visibility> visibility;  // default: restricted for security alerts
  ImpactChange impact;
};
struct Acknowledge {};
struct ChangeSeverity {
  Severity to = Severity::kP3;
  std::string reason;
};
struct Identify {
  std::string root_cause;
  std::string category;
};
struct Mitigate {
  std::string action;
};
struct Resolve {
  std::string summary;
  bool force = false;
  std::string reason;
};
struct Close {
  std::string pir_url;
};
struct Reopen {
  std::string reason;
};
struct Dismiss {
  DismissReason reason = DismissReason::kFalseAlarm;
  std::string note;
};
struct AssignRole {
  Role role = Role::kScribe;
  std::string user;
};
struct Join {
  std::string user;
};
struct Leave {
  std::string user;
};
struct AddTask {
  std::string title;
  std::string assignee;
};
struct CompleteTask {
  std::int64_t task_id = 0;
};
// A preventive action, owned by the incident; also after close.
struct AddActionItem {
  std::string title;
  std::string owner;
  std::string due;  // YYYY-MM-DD, not before today (UTC)
  Severity priority = Severity::kP1;
  std::string tracker_url;
};
// Changes an action item: absent fields stay; a status of won't do needs a
// reason.
struct UpdateActionItem {
  std::int64_t item_id = 0;
  std::optional<std::string> title;
  std::optional<std::string> owner;
  std::optional<std::string> due;
  std::optional<Severity> priority;
  std::optional<std::string> tracker_url;
  std::optional<ActionStatus> status;
  std::string reason;
};
// The system reminds the people of an overdue item (the reminders module):
// the first time its owner, from the second day on the owner and the IC.
// Refused for people, for an item not overdue, and twice on one UTC day.
struct RemindActionItem {
  std::int64_t item_id = 0;
};
struct AddNote {
  NoteKind kind = NoteKind::kFinding;
  std::string text;
};
struct PostUpdate {
  Audience audience = Audience::kInternal;
  std::string text;
  // Set when the text is to be rendered from a communication template (by
  // the engine, before Decide).
  std::string template_name;
  bool audience_from_template = false;  // no audience given: the template's
  // The digest of the preview the sender saw (engine::MessageDigest): the
  // update is refused (kConflict) when the rendering differs now.
  std::string preview_digest;
};
struct AddLink {
  std::string kind;
  std::string url;
  std::string title;
};
struct UpdateImpact {
  ImpactChange change;
};
struct ChangeVisibility {
  Visibility visibility = Visibility::kPublic;
  std::string reason;
};

// The system records that a clock passed its due time unmet (the engine's
// clock runner, which has checked the clock). Refused for people.
struct RecordBreach {
  ClockKind clock = ClockKind::kAcknowledge;
  TimePoint due_at;
  bool retroactive = false;
};

// The IC's authority: page anyone, even off duty; declare and lift a code
// freeze.
struct Page {
  std::string to;  // a user's handle or a responder group
  std::string reason;
};
struct Freeze {
  std::string reason;
};
struct Unfreeze {
  std::string reason;
};

// The system records a message's final outcome (the dispatcher).
struct RecordMessageOutcome {
  enum class Outcome { kDelivered, kDeadLettered, kUnknown } outcome = Outcome::kDelivered;
  events::MessageOutcome message;
};

// An integration's alerts join the incident, or resolve (the alert router).
// Refused for people.
struct AttachAlerts {
  events::AlertGroupAttached group;
};
struct RecordAlertsResolved {
  events::AlertsResolved resolved;
};

}  // namespace commands

using Command =
    std::variant<commands::Declare, commands::Acknowledge, commands::ChangeSeverity,
                 commands::Identify, commands::Mitigate, commands::Resolve, commands::Close,
                 commands::Reopen, commands::Dismiss, commands::AssignRole, commands::Join,
                 commands::Leave, commands::AddTask, commands::CompleteTask, commands::AddNote,
                 commands::PostUpdate, commands::AddLink, commands::UpdateImpact,
                 commands::ChangeVisibility, commands::RecordBreach, commands::RecordMessageOutcome,
                 commands::Page, commands::Freeze, commands::Unfreeze, commands::AttachAlerts,
                 commands::RecordAlertsResolved, commands::AddActionItem,
                 commands::UpdateActionItem, commands::RemindActionItem>;

// Who asks, when, and under which rules.
struct CommandContext {
  Actor actor;
  bool actor_is_admin = false;
  TimePoint now;                   // from the Clock
  std::optional<TimePoint> at;     // a responder's `--at`: when it really happened
  const Policy* policy = nullptr;  // the policy the incident runs under
  // The user the command names (AssignRole's and Join's user, AddTask's
  // assignee, an action item's owner) has only the viewer permission: viewers read, they hold no
  // role, join no response and get no task. Looked up by the engine.
  bool target_is_viewer = false;
  // The actor holds the publish-public permission (or is an admin): only
  // such a person publishes a statement for a restricted incident. Who may
  // post to the status page at all is the engine's check (Caller::CanPublish).
  bool may_publish = false;
};

// The events one command produces, all at one occurred_at.
struct Decision {
  TimePoint occurred_at;
  std::vector<EventPayload> events;
};

// How far in the future an `--at` may lie (clock skew between machines).
inline constexpr Duration kMaxFutureSkew = std::chrono::seconds(60);
// How far before the declaration a note or link's `--at` may lie (the
// deployment, the customer ticket that came before anyone declared).
inline constexpr Duration kMaxContextBefore = std::chrono::hours(24);
// Longest summary, reason or title we accept; longer text goes in a note.
inline constexpr std::size_t kMaxShortText = 500;
// Longest note or update text.
inline constexpr std::size_t kMaxLongText = 20000;

// Checks `command` against `state` and returns the events it produces, or
// the reason it is refused. A refused transition names the current status
// and the steps allowed from it. Pure.
Result<Decision> Decide(const IncidentState& state, const Command& command,
                        const CommandContext& ctx);

// The commands allowed from `status`, by their CLI names ("identify", ...).
std::vector<std::string> AllowedNextSteps(Status status);

}  // namespace warroom::core
