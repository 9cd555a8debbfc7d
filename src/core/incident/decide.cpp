#include <algorithm>

#include "base/text.hpp"
#include "core/incident/command.hpp"

namespace warroom::core {
namespace {

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

Error Refuse(const IncidentState& s, std::string_view step) {
  auto next = AllowedNextSteps(s.status);
  return Error::FailedPrecondition(
      s.id + " is " + std::string(StatusName(s.status)) + ": cannot " + std::string(step) +
      (next.empty()
           ? std::string("; no lifecycle step is allowed from ") + std::string(StatusName(s.status))
           : "; allowed next steps: " + Join(next)));
}

Outcome RequireText(const std::string& text, std::string_view what, std::size_t max) {
  if (IsBlank(text)) return Error::InvalidArgument(std::string(what) + " must not be empty");
  if (text.size() > max)
    return Error::InvalidArgument(std::string(what) + " is " + std::to_string(text.size()) +
                                  " bytes; the limit is " + std::to_string(max));
  return Success();
}

Outcome CheckImpact(const ImpactChange& c) {
  if (c.customers_affected && *c.customers_affected < 0)
    return Error::InvalidArgument("customers_affected must not be negative");
  if (c.customers_affected_pct &&
      !(*c.customers_affected_pct >= 0 && *c.customers_affected_pct <= 100))
    return Error::InvalidArgument("customers_affected_pct must be a share from 0 to 100");
  if (c.workaround && c.workaround->size() > kMaxLongText)
    return Error::InvalidArgument("workaround is too long");
  if (c.revenue_impact && c.revenue_impact->size() > kMaxShortText)
    return Error::InvalidArgument("revenue_impact is too long");
  if (c.affected_components) {
    for (const auto& comp : *c.affected_components)
      WARROOM_RETURN_IF_ERROR(RequireText(comp, "an affected component", kMaxShortText));
  }
  return Success();
}

// The actor is the person holding the incident's IC role (never when vacant).
bool IsCommander(const IncidentState& s, const CommandContext& ctx) {
  return ctx.actor.kind == Actor::Kind::kUser && !s.Commander().empty() &&
         ctx.actor.id == s.Commander();
}

Outcome RequireCommanderOrAdmin(const IncidentState& s, const CommandContext& ctx,
                                std::string_view what) {
  if (ctx.actor_is_admin) return Success();
  if (IsCommander(s, ctx)) return Success();
  return Error::PermissionDenied(std::string(what) + " is for the incident's Incident Commander (" +
                                 (s.Commander().empty() ? "vacant" : s.Commander()) +
                                 ") or an admin");
}

// Who may give the IC role: the current IC hands it over and an admin
// assigns it; while it is vacant a responder may take it, for themselves.
Outcome RequireMayAssignCommander(const IncidentState& s, const CommandContext& ctx,
                                  const std::string& to) {
  if (ctx.actor_is_admin || IsCommander(s, ctx)) return Success();
  if (!s.Commander().empty())
    return Error::PermissionDenied("reassigning the Incident Commander role of " + s.id +
                                   " is for its Incident Commander (" + s.Commander() +
                                   ") or an admin: ask " + s.Commander() + " to hand it over");
  if (ctx.actor.kind != Actor::Kind::kUser || ctx.actor.id != to)
    return Error::PermissionDenied("the Incident Commander role of " + s.id +
                                   " is vacant: a responder may take it for themselves (--to " +
                                   (ctx.actor.kind == Actor::Kind::kUser ? ctx.actor.id : "you") +
                                   "); assigning someone else is for an admin");
  return Success();
}

// A viewer reads incidents; taking part is for responders.
Outcome RequireNotViewer(const IncidentState& s, const CommandContext& ctx, const std::string& user,
                         std::string_view what) {
  if (!ctx.target_is_viewer) return Success();
  return Error::FailedPrecondition(user + " is a viewer and cannot " + std::string(what) + " on " +
                                   s.id +
                                   ": viewers read incidents; an admin can give them the "
                                   "responder permission");
}

struct Decider {
  const IncidentState& s;
  const CommandContext& ctx;
  TimePoint at;

  using R = Result<std::vector<EventPayload>>;
  static R One(EventPayload p) { return std::vector<EventPayload>{std::move(p)}; }

  R operator()(const commands::Declare& c) {
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
    d.visibility =
        c.visibility.value_or(c.source == DetectionSource::kSecurityAlert ? Visibility::kRestricted
                                                                          : Visibility::kPublic);
    d.policy_version = ctx.policy ? ctx.policy->version : std::string();
    d.commander = ctx.actor.kind == Actor::Kind::kUser ? ctx.actor.id : std::string();
    d.impact = c.impact;
    return One(std::move(d));
  }
  R operator()(const commands::Acknowledge&) {
    if (!IsOpen(s.status)) return Refuse(s, "acknowledge");
    if (ctx.actor.kind != Actor::Kind::kUser)
      return Error::InvalidArgument("only a person can acknowledge an incident");
    if (std::find(s.acknowledged_by.begin(), s.acknowledged_by.end(), ctx.actor.id) !=
        s.acknowledged_by.end())
      return Error::FailedPrecondition(ctx.actor.id + " has already acknowledged " + s.id);
    return One(events::Acknowledged{ctx.actor.id});
  }
  R operator()(const commands::ChangeSeverity& c) {
    if (s.status == Status::kClosed || s.status == Status::kDismissed)
      return Refuse(s, "change the severity");
    WARROOM_RETURN_IF_ERROR(RequireCommanderOrAdmin(s, ctx, "changing the severity"));
    WARROOM_RETURN_IF_ERROR(
        RequireText(c.reason, "a reason for the severity change", kMaxShortText));
    if (c.to == s.severity)
      return Error::FailedPrecondition(s.id + " is already " + std::string(SeverityName(c.to)));
    return One(events::SeverityChanged{s.severity, c.to, c.reason});
  }
  R operator()(const commands::Identify& c) {
    if (!IsOpen(s.status)) return Refuse(s, "identify a root cause");
    WARROOM_RETURN_IF_ERROR(RequireText(c.root_cause, "root cause", kMaxLongText));
    if (ctx.policy && !ctx.policy->HasRootCauseCategory(c.category)) {
      return Error::InvalidArgument("unknown root-cause category '" + c.category +
                                    "': use one of " + Join(ctx.policy->root_cause_categories));
    }
    return One(events::RootCauseIdentified{c.root_cause, c.category});
  }
  R operator()(const commands::Mitigate& c) {
    if (s.status != Status::kInvestigating && s.status != Status::kIdentified)
      return Refuse(s, "mitigate");
    WARROOM_RETURN_IF_ERROR(RequireText(c.action, "what was done to mitigate", kMaxLongText));
    return One(events::Mitigated{c.action});
  }
  R operator()(const commands::Resolve& c) {
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
  R operator()(const commands::Close& c) {
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
  R operator()(const commands::Reopen& c) {
    if (s.status != Status::kMonitoring && s.status != Status::kResolved)
      return Refuse(s, "reopen");
    WARROOM_RETURN_IF_ERROR(RequireText(c.reason, "a reason for reopening", kMaxShortText));
    return One(events::Reopened{c.reason});
  }
  R operator()(const commands::Dismiss& c) {
    if (s.status != Status::kInvestigating) return Refuse(s, "dismiss");
    WARROOM_RETURN_IF_ERROR(RequireCommanderOrAdmin(s, ctx, "dismissing"));
    if (c.note.size() > kMaxShortText) return Error::InvalidArgument("note is too long");
    return One(events::Dismissed{c.reason, c.note});
  }
  R operator()(const commands::AssignRole& c) {
    if (s.status == Status::kClosed || s.status == Status::kDismissed)
      return Refuse(s, "assign a role");
    WARROOM_RETURN_IF_ERROR(RequireText(c.user, "the user to assign", kMaxShortText));
    if (c.role == Role::kIncidentCommander)
      WARROOM_RETURN_IF_ERROR(RequireMayAssignCommander(s, ctx, c.user));
    WARROOM_RETURN_IF_ERROR(RequireNotViewer(s, ctx, c.user, "hold a role"));
    auto it = s.roles.find(c.role);
    std::string previous = it == s.roles.end() ? std::string() : it->second;
    if (previous == c.user)
      return Error::FailedPrecondition(c.user + " is already " + std::string(RoleTitle(c.role)) +
                                       " of " + s.id);
    return One(events::RoleAssigned{c.role, c.user, previous});
  }
  R operator()(const commands::Join& c) {
    if (s.status == Status::kClosed || s.status == Status::kDismissed) return Refuse(s, "join");
    WARROOM_RETURN_IF_ERROR(RequireText(c.user, "the responder", kMaxShortText));
    WARROOM_RETURN_IF_ERROR(RequireNotViewer(s, ctx, c.user, "join as a responder"));
    if (std::find(s.responders.begin(), s.responders.end(), c.user) != s.responders.end())
      return Error::FailedPrecondition(c.user + " is already a responder on " + s.id);
    return One(events::ResponderJoined{c.user});
  }
  R operator()(const commands::Leave& c) {
    if (std::find(s.responders.begin(), s.responders.end(), c.user) == s.responders.end())
      return Error::FailedPrecondition(c.user + " is not a responder on " + s.id);
    return One(events::ResponderLeft{c.user});
  }
  R operator()(const commands::AddTask& c) {
    if (s.status == Status::kClosed || s.status == Status::kDismissed)
      return Refuse(s, "add a task");
    WARROOM_RETURN_IF_ERROR(RequireText(c.title, "task title", kMaxShortText));
    if (!c.assignee.empty())
      WARROOM_RETURN_IF_ERROR(RequireNotViewer(s, ctx, c.assignee, "be assigned a task"));
    return One(
        events::TaskAdded{static_cast<std::int64_t>(s.tasks.size()) + 1, c.title, c.assignee});
  }
  R operator()(const commands::CompleteTask& c) {
    for (const Task& t : s.tasks) {
      if (t.id == c.task_id) {
        if (t.done)
          return Error::FailedPrecondition("task " + std::to_string(t.id) + " of " + s.id +
                                           " is already done");
        return One(events::TaskCompleted{c.task_id});
      }
    }
    return Error::NotFound(s.id + " has no task " + std::to_string(c.task_id));
  }
  R operator()(const commands::AddNote& c) {
    WARROOM_RETURN_IF_ERROR(RequireText(c.text, "note text", kMaxLongText));
    return One(events::NoteAdded{c.kind, c.text});
  }
  R operator()(const commands::PostUpdate& c) {
    if (s.status == Status::kClosed || s.status == Status::kDismissed)
      return Refuse(s, "post an update");
    WARROOM_RETURN_IF_ERROR(RequireText(c.text, "update text", kMaxLongText));
    if (s.visibility == Visibility::kRestricted &&
        (c.audience == Audience::kStatusPage || c.audience == Audience::kCustomers)) {
      return Error::FailedPrecondition(
          s.id + " is restricted: its updates stay with its participants, never the " +
          std::string(AudienceName(c.audience)));
    }
    return One(events::UpdatePosted{c.audience, c.text, c.template_name});
  }
  R operator()(const commands::AddLink& c) {
    WARROOM_RETURN_IF_ERROR(RequireText(c.kind, "link kind", 64));
    WARROOM_RETURN_IF_ERROR(RequireText(c.url, "link url", kMaxShortText));
    if (c.title.size() > kMaxShortText) return Error::InvalidArgument("link title is too long");
    return One(events::LinkAdded{c.kind, c.url, c.title});
  }
  R operator()(const commands::UpdateImpact& c) {
    if (s.status == Status::kClosed || s.status == Status::kDismissed)
      return Refuse(s, "update the impact");
    if (c.change.Empty()) return Error::InvalidArgument("no impact field given");
    WARROOM_RETURN_IF_ERROR(CheckImpact(c.change));
    return One(events::ImpactUpdated{c.change});
  }
  R operator()(const commands::RecordBreach& c) {
    if (ctx.actor.kind != Actor::Kind::kSystem)
      return Error::PermissionDenied("clock breaches are recorded by warroom itself");
    if (s.BreachRecorded(c.clock, c.due_at))
      return Error::AlreadyExists(s.id + ": the " + std::string(ClockKindName(c.clock)) +
                                  " breach due " + FormatTime(c.due_at) + " is already recorded");
    return One(events::ClockBreached{c.clock, c.due_at, c.retroactive});
  }
  R operator()(const commands::Page& c) {
    if (!IsOpen(s.status)) return Refuse(s, "page");
    WARROOM_RETURN_IF_ERROR(RequireCommanderOrAdmin(s, ctx, "paging"));
    WARROOM_RETURN_IF_ERROR(RequireText(c.to, "whom to page", kMaxShortText));
    if (c.reason.size() > kMaxShortText) return Error::InvalidArgument("reason is too long");
    return One(events::PageRequested{c.to, c.reason});
  }
  R operator()(const commands::Freeze& c) {
    if (!IsOpen(s.status)) return Refuse(s, "declare a code freeze");
    WARROOM_RETURN_IF_ERROR(RequireCommanderOrAdmin(s, ctx, "declaring a code freeze"));
    WARROOM_RETURN_IF_ERROR(RequireText(c.reason, "a reason for the code freeze", kMaxShortText));
    if (s.FreezeActive())
      return Error::FailedPrecondition(s.id + " already has a code freeze: " + s.freeze_reason);
    return One(events::FreezeDeclared{c.reason});
  }
  R operator()(const commands::Unfreeze& c) {
    WARROOM_RETURN_IF_ERROR(RequireCommanderOrAdmin(s, ctx, "lifting a code freeze"));
    if (!s.FreezeActive()) return Error::FailedPrecondition(s.id + " has no code freeze to lift");
    if (c.reason.size() > kMaxShortText) return Error::InvalidArgument("reason is too long");
    return One(events::FreezeLifted{c.reason});
  }
  R operator()(const commands::RecordMessageOutcome& c) {
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
  R operator()(const commands::AttachAlerts& c) {
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
  R operator()(const commands::RecordAlertsResolved& c) {
    if (ctx.actor.kind == Actor::Kind::kUser)
      return Error::PermissionDenied("alert resolutions are recorded by warroom's alert router");
    if (s.status == Status::kClosed || s.status == Status::kDismissed)
      return Refuse(s, "record alert resolutions");
    if (!s.FindAlertGroup(c.resolved.integration, c.resolved.group_key))
      return Error::FailedPrecondition(s.id + " holds no alert group " + c.resolved.group_key);
    return One(c.resolved);
  }
  R operator()(const commands::ChangeVisibility& c) {
    WARROOM_RETURN_IF_ERROR(RequireCommanderOrAdmin(s, ctx, "changing visibility"));
    WARROOM_RETURN_IF_ERROR(
        RequireText(c.reason, "a reason for the visibility change", kMaxShortText));
    if (c.visibility == s.visibility)
      return Error::FailedPrecondition(s.id + " is already " +
                                       std::string(VisibilityName(c.visibility)));
    return One(events::VisibilityChanged{c.visibility, c.reason});
  }
};

bool IsLifecycleCommand(const Command& c) {
  return std::holds_alternative<commands::Acknowledge>(c) ||
         std::holds_alternative<commands::Identify>(c) ||
         std::holds_alternative<commands::Mitigate>(c) ||
         std::holds_alternative<commands::Resolve>(c) ||
         std::holds_alternative<commands::Close>(c) ||
         std::holds_alternative<commands::Reopen>(c) ||
         std::holds_alternative<commands::Dismiss>(c);
}

}  // namespace

std::vector<std::string> AllowedNextSteps(Status status) {
  switch (status) {
    case Status::kInvestigating:
      return {"identify", "mitigate", "dismiss"};
    case Status::kIdentified:
      return {"identify", "mitigate"};
    case Status::kMonitoring:
      return {"identify", "resolve", "reopen"};
    case Status::kResolved:
      return {"close", "reopen"};
    case Status::kClosed:
    case Status::kDismissed:
      return {};
  }
  return {};
}

Result<Decision> Decide(const IncidentState& state, const Command& command,
                        const CommandContext& ctx) {
  bool declare = std::holds_alternative<commands::Declare>(command);
  if (!declare && !state.declared) return Error::NotFound("no incident " + state.id);

  TimePoint at = ctx.at.value_or(ctx.now);
  if (at > ctx.now + kMaxFutureSkew) {
    return Error::InvalidArgument("--at " + FormatTime(at) + " is in the future (now " +
                                  FormatTime(ctx.now) + "); an event may be at most " +
                                  FormatDurationWords(kMaxFutureSkew) + " ahead");
  }
  if (!declare) {
    if (IsLifecycleCommand(command) && at < state.last_lifecycle_at) {
      return Error::InvalidArgument("--at " + FormatTime(at) +
                                    " is before the previous lifecycle step of " + state.id +
                                    " at " + FormatTime(state.last_lifecycle_at));
    }
    if (at < state.declared_at) {
      return Error::InvalidArgument("--at " + FormatTime(at) + " is before " + state.id +
                                    " was declared at " + FormatTime(state.declared_at));
    }
  }
  WARROOM_ASSIGN_OR_RETURN(auto events, std::visit(Decider{state, ctx, at}, command));
  return Decision{at, std::move(events)};
}

}  // namespace warroom::core
