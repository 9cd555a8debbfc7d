#include "core/incident/decide_checks.hpp"

#include "base/text.hpp"

namespace warroom::core::decide {

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

Outcome RequireNotViewer(const IncidentState& s, const CommandContext& ctx, const std::string& user,
                         std::string_view what) {
  if (!ctx.target_is_viewer) return Success();
  return Error::FailedPrecondition(user + " is a viewer and cannot " + std::string(what) + " on " +
                                   s.id +
                                   ": viewers read incidents; an admin can give them the "
                                   "responder permission");
}

}  // namespace warroom::core::decide
