// Decide (command.hpp) for the lifecycle: declaring, acknowledging, the severity, and the steps
// from investigating to closed (or dismissed).
#include <algorithm>

#include "core/incident/decide_checks.hpp"
#include "core/incident/decider.hpp"

namespace warroom::core::decide {

Decider::R Decider::operator()(const commands::Declare& c) {
  if (s.declared) return Error::AlreadyExists(s.id + " is already declared");
  WARROOM_RETURN_IF_ERROR(RequireText(c.summary, "summary", kMaxShortText));
  WARROOM_RETURN_IF_ERROR(CheckImpact(c.impact));
  if (c.detected_at && *c.detected_at > at)
    return Error::InvalidArgument("detected_at " + FormatTime(*c.detected_at) +
                                  " is after the declaration at " + FormatTime(at) +
                                  ": an incident is detected before it is declared");
  events::Declared d;
  d.severity = c.severity;
  d.summary = c.summary;
  d.detected_at = c.detected_at;
  d.source = c.source;
  d.visibility = c.visibility.value_or(
      c.source == DetectionSource::kSecurityAlert ? Visibility::kRestricted : Visibility::kPublic);
  d.policy_version = ctx.policy ? ctx.policy->version : std::string();
  d.commander = ctx.actor.kind == Actor::Kind::kUser ? ctx.actor.id : std::string();
  d.impact = c.impact;
  return One(std::move(d));
}

Decider::R Decider::operator()(const commands::Acknowledge&) {
  if (!IsOpen(s.status)) return Refuse(s, "acknowledge");
  if (ctx.actor.kind != Actor::Kind::kUser)
    return Error::InvalidArgument("only a person can acknowledge an incident");
  if (std::find(s.acknowledged_by.begin(), s.acknowledged_by.end(), ctx.actor.id) !=
      s.acknowledged_by.end())
    return Error::FailedPrecondition(ctx.actor.id + " has already acknowledged " + s.id);
  return One(events::Acknowledged{ctx.actor.id});
}

Decider::R Decider::operator()(const commands::ChangeSeverity& c) {
  if (s.status == Status::kClosed || s.status == Status::kDismissed)
    return Refuse(s, "change the severity");
  WARROOM_RETURN_IF_ERROR(RequireCommanderOrAdmin(s, ctx, "changing the severity"));
  WARROOM_RETURN_IF_ERROR(RequireText(c.reason, "a reason for the severity change", kMaxShortText));
  if (c.to == s.severity)
    return Error::FailedPrecondition(s.id + " is already " + std::string(SeverityName(c.to)));
  return One(events::SeverityChanged{s.severity, c.to, c.reason});
}

Decider::R Decider::operator()(const commands::Identify& c) {
  if (!IsOpen(s.status)) return Refuse(s, "identify a root cause");
  WARROOM_RETURN_IF_ERROR(RequireText(c.root_cause, "root cause", kMaxLongText));
  if (ctx.policy && !ctx.policy->HasRootCauseCategory(c.category)) {
    return Error::InvalidArgument("unknown root-cause category '" + c.category + "': use one of " +
                                  Join(ctx.policy->root_cause_categories));
  }
  return One(events::RootCauseIdentified{c.root_cause, c.category});
}

Decider::R Decider::operator()(const commands::Mitigate& c) {
  if (s.status != Status::kInvestigating && s.status != Status::kIdentified)
    return Refuse(s, "mitigate");
  WARROOM_RETURN_IF_ERROR(RequireText(c.action, "what was done to mitigate", kMaxLongText));
  return One(events::Mitigated{c.action});
}

Decider::R Decider::operator()(const commands::Resolve& c) {
  if (s.status != Status::kMonitoring) return Refuse(s, "resolve");
  WARROOM_RETURN_IF_ERROR(RequireCommanderOrAdmin(s, ctx, "resolving"));
  WARROOM_RETURN_IF_ERROR(RequireText(c.summary, "resolution summary", kMaxLongText));
  if (!s.root_cause)
    return Error::FailedPrecondition(s.id +
                                     " has no root cause: identify it first "
                                     "(warroom identify " +
                                     s.id + " --root-cause ... --category ...)");
  Duration stable = ctx.policy ? ctx.policy->stability_before_resolve : std::chrono::hours(1);
  bool early = s.mitigated_at && at - *s.mitigated_at < stable;
  if (early && !c.force) {
    return Error::FailedPrecondition(
        s.id + " was mitigated at " + FormatTime(*s.mitigated_at) + ", " +
        FormatDurationWords(at - *s.mitigated_at) + " before this resolution; the policy wants " +
        FormatDurationWords(stable) +
        " of stability first. Wait, or resolve with --force --reason \"...\"");
  }
  if (c.force && !early) {
    // --force without need: recorded as a normal resolution.
  }
  if (early)
    WARROOM_RETURN_IF_ERROR(
        RequireText(c.reason, "--reason for a forced resolution", kMaxShortText));
  return One(events::Resolved{c.summary, early, early ? c.reason : std::string()});
}

Decider::R Decider::operator()(const commands::Close& c) {
  if (s.status != Status::kResolved) return Refuse(s, "close");
  WARROOM_RETURN_IF_ERROR(RequireCommanderOrAdmin(s, ctx, "closing"));
  if (ctx.policy) {
    const SeverityLevel& level = ctx.policy->Level(s.severity);
    if (level.pir.kind == PirRequirement::Kind::kMandatory && c.pir_url.empty() &&
        s.pir_url.empty()) {
      return Error::FailedPrecondition(
          s.id + " is " + std::string(SeverityName(s.severity)) +
          ", which requires a post-incident review: close it with --pir-url URL");
    }
  }
  if (c.pir_url.size() > kMaxShortText) return Error::InvalidArgument("pir_url is too long");
  return One(events::Closed{c.pir_url});
}

Decider::R Decider::operator()(const commands::Reopen& c) {
  if (s.status != Status::kMonitoring && s.status != Status::kResolved) return Refuse(s, "reopen");
  WARROOM_RETURN_IF_ERROR(RequireText(c.reason, "a reason for reopening", kMaxShortText));
  return One(events::Reopened{c.reason});
}

Decider::R Decider::operator()(const commands::Dismiss& c) {
  if (s.status != Status::kInvestigating) return Refuse(s, "dismiss");
  WARROOM_RETURN_IF_ERROR(RequireCommanderOrAdmin(s, ctx, "dismissing"));
  if (c.note.size() > kMaxShortText) return Error::InvalidArgument("note is too long");
  return One(events::Dismissed{c.reason, c.note});
}

}  // namespace warroom::core::decide
