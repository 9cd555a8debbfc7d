#include "engine/notify_rules/messages.hpp"
#include "engine/notify_rules/recipients.hpp"
#include "engine/notify_rules/rules.hpp"

namespace warroom::engine::notify_rules {

using core::Role;

// Alerts recur while the responders watch for it: the IC decides whether
// the incident is really over (warroom never reopens on its own).
Outbox AlertGroupAttached(const RuleInput& in, const core::events::AlertGroupAttached& a) {
  if (!a.recurrence) return {};
  Messages out(in);
  out.Remind(
      RoleHolderOrGroups(in, Role::kIncidentCommander),
      Render(in, "alerts-recurred", {{"group_key", a.group_key}, {"alert_summary", a.summary}}));
  return out.Take();
}

// Every alert resolved: people resolve incidents, so the IC is told.
Outbox AlertsResolved(const RuleInput& in, const core::events::AlertsResolved& r) {
  if (r.firing > 0 || !core::IsOpen(in.state.status)) return {};
  Messages out(in);
  out.Remind(RoleHolderOrGroups(in, Role::kIncidentCommander), Render(in, "alerts-resolved"));
  return out.Take();
}

}  // namespace warroom::engine::notify_rules
