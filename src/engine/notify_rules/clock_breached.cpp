#include "engine/notify_rules/messages.hpp"
#include "engine/notify_rules/recipients.hpp"
#include "engine/notify_rules/rules.hpp"

namespace warroom::engine::notify_rules {

using core::ClockKind;
using core::Role;
using core::Visibility;

namespace {

// Not acknowledged in time: re-page the paged groups and escalate to the
// groups that fill the IC role (the second of them is the backup).
void AcknowledgeMissed(const RuleInput& in, const std::string& due, Messages& out) {
  std::vector<std::string> groups = RoleGroups(in, Role::kIncidentCommander);
  Text text = Render(in, "re-page",
                     {{"due_at", due},
                      {"escalation_groups", Joined(groups)},
                      {"backup", groups.size() > 1 ? groups[1] : ""}});
  out.ToRoute("pages", store::OutboxKind::kEscalation, core::Audience::kInternal, text);
  if (in.state.visibility == Visibility::kPublic) {
    std::vector<std::string> who = Level(in).page_groups;
    who.insert(who.end(), groups.begin(), groups.end());
    out.ToPeople(Resolve(in, who), store::OutboxKind::kEscalation, core::Audience::kInternal, text);
  }
}

// Past the target: the engineering manager reviews, or for a P0 the
// executives the row names.
void TargetResolutionPassed(const RuleInput& in, const std::string& due, Messages& out) {
  bool p0 = in.state.severity == core::Severity::kP0;
  Text text = Render(in, "target-resolution-passed",
                     {{"due_at", due}, {"escalated_to_executives", p0 ? "yes" : ""}});
  const char* route = p0 ? "executives" : "internal";
  out.ToRoute(route, store::OutboxKind::kEscalation,
              p0 ? core::Audience::kExecutives : core::Audience::kInternal, text);
  out.Tell(Resolve(in, p0 ? Level(in).executive_notification
                          : std::vector<std::string>{"engineering-manager"}),
           store::OutboxKind::kEscalation, text);
}

}  // namespace

Outbox ClockBreached(const RuleInput& in, const core::events::ClockBreached& b) {
  if (b.retroactive) return {};  // past due before warroom knew: notifies no one
  const std::string due = FormatClockTime(b.due_at);
  const std::map<std::string, std::string> fields{{"due_at", due}};
  Messages out(in);
  switch (b.clock) {
    case ClockKind::kAcknowledge:
      AcknowledgeMissed(in, due, out);
      break;
    case ClockKind::kUpdate:
      out.Remind(CommanderAndCl(in), Render(in, "update-reminder", fields));
      break;
    case ClockKind::kCustomerCommunication:
      out.Remind(RoleHolderOrGroups(in, Role::kCommunicationsLead),
                 Render(in, "customer-communication-reminder", fields));
      break;
    case ClockKind::kExecutiveNotification:
      out.Remind(RoleHolderOrGroups(in, Role::kIncidentCommander),
                 Render(in, "executive-notification-reminder", fields));
      break;
    case ClockKind::kTargetResolution:
      TargetResolutionPassed(in, due, out);
      break;
    case ClockKind::kPostIncidentReview:
      out.Remind(RoleHolderOrGroups(in, Role::kIncidentCommander),
                 Render(in, "pir-reminder", fields));
      break;
  }
  return out.Take();
}

}  // namespace warroom::engine::notify_rules
