// Decide (command.hpp) for what warroom itself records: clock breaches, message outcomes and the
// alert router's groups.
#include <algorithm>

#include "core/incident/decide_checks.hpp"
#include "core/incident/decider.hpp"

namespace warroom::core::decide {

Decider::R Decider::operator()(const commands::RecordBreach& c) {
  if (ctx.actor.kind != Actor::Kind::kSystem)
    return Error::PermissionDenied("clock breaches are recorded by warroom itself");
  if (s.BreachRecorded(c.clock, c.due_at))
    return Error::AlreadyExists(s.id + ": the " + std::string(ClockKindName(c.clock)) +
                                " breach due " + FormatTime(c.due_at) + " is already recorded");
  return One(events::ClockBreached{c.clock, c.due_at, c.retroactive});
}

Decider::R Decider::operator()(const commands::RecordMessageOutcome& c) {
  if (ctx.actor.kind != Actor::Kind::kSystem)
    return Error::PermissionDenied("message outcomes are recorded by warroom itself");
  switch (c.outcome) {
    case commands::RecordMessageOutcome::Outcome::kDelivered:
      return One(events::MessageDelivered{c.message});
    case commands::RecordMessageOutcome::Outcome::kDeadLettered:
      return One(events::MessageDeadLettered{c.message});
    case commands::RecordMessageOutcome::Outcome::kUnknown:
      return One(events::MessageOutcomeUnknown{c.message});
  }
  return Error::Internal("unknown message outcome");
}

Decider::R Decider::operator()(const commands::AttachAlerts& c) {
  if (ctx.actor.kind == Actor::Kind::kUser)
    return Error::PermissionDenied("alerts are attached by warroom's alert router");
  if (s.status == Status::kClosed || s.status == Status::kDismissed)
    return Refuse(s, "attach alerts");
  const AlertGroupRef* g = s.FindAlertGroup(c.group.integration, c.group.group_key);
  // While the responders watch for recurrence, any new alert is news.
  bool watching = s.status == Status::kMonitoring || s.status == Status::kResolved;
  if (g && g->firing && !watching)
    return Error::AlreadyExists(s.id + " already holds the firing alert group " +
                                c.group.group_key);
  events::AlertGroupAttached a = c.group;
  a.recurrence = watching || g != nullptr;
  return One(std::move(a));
}

Decider::R Decider::operator()(const commands::RecordAlertsResolved& c) {
  if (ctx.actor.kind == Actor::Kind::kUser)
    return Error::PermissionDenied("alert resolutions are recorded by warroom's alert router");
  if (s.status == Status::kClosed || s.status == Status::kDismissed)
    return Refuse(s, "record alert resolutions");
  if (!s.FindAlertGroup(c.resolved.integration, c.resolved.group_key))
    return Error::FailedPrecondition(s.id + " holds no alert group " + c.resolved.group_key);
  return One(c.resolved);
}

}  // namespace warroom::core::decide
