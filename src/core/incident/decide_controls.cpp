// Decide (command.hpp) for what the Incident Commander controls: pages, code freezes and
// visibility.
#include <algorithm>

#include "core/incident/decide_checks.hpp"
#include "core/incident/decider.hpp"

namespace warroom::core::decide {

Decider::R Decider::operator()(const commands::Page& c) {
  if (!IsOpen(s.status)) return Refuse(s, "page");
  WARROOM_RETURN_IF_ERROR(RequireCommanderOrAdmin(s, ctx, "paging"));
  WARROOM_RETURN_IF_ERROR(RequireText(c.to, "whom to page", kMaxShortText));
  if (c.reason.size() > kMaxShortText) return Error::InvalidArgument("reason is too long");
  return One(events::PageRequested{c.to, c.reason});
}

Decider::R Decider::operator()(const commands::Freeze& c) {
  if (!IsOpen(s.status)) return Refuse(s, "declare a code freeze");
  WARROOM_RETURN_IF_ERROR(RequireCommanderOrAdmin(s, ctx, "declaring a code freeze"));
  WARROOM_RETURN_IF_ERROR(RequireText(c.reason, "a reason for the code freeze", kMaxShortText));
  if (s.FreezeActive())
    return Error::FailedPrecondition(s.id + " already has a code freeze: " + s.freeze_reason);
  return One(events::FreezeDeclared{c.reason});
}

Decider::R Decider::operator()(const commands::Unfreeze& c) {
  WARROOM_RETURN_IF_ERROR(RequireCommanderOrAdmin(s, ctx, "lifting a code freeze"));
  if (!s.FreezeActive()) return Error::FailedPrecondition(s.id + " has no code freeze to lift");
  if (c.reason.size() > kMaxShortText) return Error::InvalidArgument("reason is too long");
  return One(events::FreezeLifted{c.reason});
}

Decider::R Decider::operator()(const commands::ChangeVisibility& c) {
  WARROOM_RETURN_IF_ERROR(RequireCommanderOrAdmin(s, ctx, "changing visibility"));
  WARROOM_RETURN_IF_ERROR(
      RequireText(c.reason, "a reason for the visibility change", kMaxShortText));
  if (c.visibility == s.visibility)
    return Error::FailedPrecondition(s.id + " is already " +
                                     std::string(VisibilityName(c.visibility)));
  return One(events::VisibilityChanged{c.visibility, c.reason});
}

}  // namespace warroom::core::decide
