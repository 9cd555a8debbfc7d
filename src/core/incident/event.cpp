#include "core/incident/event.hpp"

#include "base/text.hpp"

namespace warroom::core {

std::string_view ActorKindName(Actor::Kind k) {
  switch (k) {
    case Actor::Kind::kUser:
      return "user";
    case Actor::Kind::kIntegration:
      return "integration";
    case Actor::Kind::kSystem:
      return "system";
  }
  return "system";
}

Result<Actor::Kind> ParseActorKind(std::string_view s) {
  if (s == "user") return Actor::Kind::kUser;
  if (s == "integration") return Actor::Kind::kIntegration;
  if (s == "system") return Actor::Kind::kSystem;
  return Error::InvalidArgument("unknown actor kind '" + Shown(s) + "'");
}

namespace {

struct TypeName {
  std::string_view operator()(const events::Declared&) const { return "declared"; }
  std::string_view operator()(const events::Acknowledged&) const { return "acknowledged"; }
  std::string_view operator()(const events::SeverityChanged&) const { return "severity_changed"; }
  std::string_view operator()(const events::RootCauseIdentified&) const {
    return "root_cause_identified";
  }
  std::string_view operator()(const events::Mitigated&) const { return "mitigated"; }
  std::string_view operator()(const events::Resolved&) const { return "resolved"; }
  std::string_view operator()(const events::Closed&) const { return "closed"; }
  std::string_view operator()(const events::Reopened&) const { return "reopened"; }
  std::string_view operator()(const events::Dismissed&) const { return "dismissed"; }
  std::string_view operator()(const events::RoleAssigned&) const { return "role_assigned"; }
  std::string_view operator()(const events::ResponderJoined&) const { return "responder_joined"; }
  std::string_view operator()(const events::ResponderLeft&) const { return "responder_left"; }
  std::string_view operator()(const events::TaskAdded&) const { return "task_added"; }
  std::string_view operator()(const events::TaskCompleted&) const { return "task_completed"; }
  std::string_view operator()(const events::NoteAdded&) const { return "note_added"; }
  std::string_view operator()(const events::UpdatePosted&) const { return "update_posted"; }
  std::string_view operator()(const events::LinkAdded&) const { return "link_added"; }
  std::string_view operator()(const events::ImpactUpdated&) const { return "impact_updated"; }
  std::string_view operator()(const events::VisibilityChanged&) const {
    return "visibility_changed";
  }
  std::string_view operator()(const events::ClockBreached&) const { return "clock_breached"; }
  std::string_view operator()(const events::PageRequested&) const { return "page_requested"; }
  std::string_view operator()(const events::FreezeDeclared&) const { return "freeze_declared"; }
  std::string_view operator()(const events::FreezeLifted&) const { return "freeze_lifted"; }
  std::string_view operator()(const events::AlertGroupAttached&) const {
    return "alert_group_attached";
  }
  std::string_view operator()(const events::AlertsResolved&) const { return "alerts_resolved"; }
  std::string_view operator()(const events::AdminReset&) const { return "admin_reset"; }
  std::string_view operator()(const events::ComponentStatusSet&) const {
    return "component_status_set";
  }
  std::string_view operator()(const events::MaintenanceScheduled&) const {
    return "maintenance_scheduled";
  }
  std::string_view operator()(const events::MaintenanceUpdated&) const {
    return "maintenance_updated";
  }
  std::string_view operator()(const events::ActionItemAdded&) const { return "action_item_added"; }
  std::string_view operator()(const events::ActionItemUpdated&) const {
    return "action_item_updated";
  }
  std::string_view operator()(const events::ActionItemReminded&) const {
    return "action_item_reminded";
  }
  std::string_view operator()(const events::MessageDelivered&) const { return "message_delivered"; }
  std::string_view operator()(const events::MessageDeadLettered&) const {
    return "message_dead_lettered";
  }
  std::string_view operator()(const events::MessageOutcomeUnknown&) const {
    return "message_outcome_unknown";
  }
};

}  // namespace

std::string_view EventTypeName(const EventPayload& p) { return std::visit(TypeName{}, p); }

bool IsLifecycleStep(const EventPayload& p) {
  return std::holds_alternative<events::Declared>(p) ||
         std::holds_alternative<events::Acknowledged>(p) ||
         std::holds_alternative<events::RootCauseIdentified>(p) ||
         std::holds_alternative<events::Mitigated>(p) ||
         std::holds_alternative<events::Resolved>(p) || std::holds_alternative<events::Closed>(p) ||
         std::holds_alternative<events::Reopened>(p) ||
         std::holds_alternative<events::Dismissed>(p);
}

}  // namespace warroom::core
