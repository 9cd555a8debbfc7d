// Decide (command.hpp) for what responders add to the record: notes, updates, links and the impact.
#include <algorithm>

#include "core/incident/decide_checks.hpp"
#include "core/incident/decider.hpp"

namespace warroom::core::decide {

Decider::R Decider::operator()(const commands::AddNote& c) {
  WARROOM_RETURN_IF_ERROR(RequireText(c.text, "note text", kMaxLongText));
  return One(events::NoteAdded{c.kind, c.text});
}

Decider::R Decider::operator()(const commands::PostUpdate& c) {
  if (s.status == Status::kClosed || s.status == Status::kDismissed)
    return Refuse(s, "post an update");
  WARROOM_RETURN_IF_ERROR(RequireText(c.text, "update text", kMaxLongText));
  // A restricted incident's public statements are a publisher's decision
  // ("no public statements until legal review").
  if (s.visibility == Visibility::kRestricted && !ctx.may_publish &&
      (c.audience == Audience::kStatusPage || c.audience == Audience::kCustomers)) {
    return Error::FailedPrecondition(
        s.id + " is restricted: its updates stay with its participants, never the " +
        std::string(AudienceName(c.audience)) +
        "; only someone with the publish-public permission publishes a statement for it");
  }
  return One(events::UpdatePosted{c.audience, c.text, c.template_name});
}

Decider::R Decider::operator()(const commands::AddLink& c) {
  WARROOM_RETURN_IF_ERROR(RequireText(c.kind, "link kind", 64));
  WARROOM_RETURN_IF_ERROR(RequireText(c.url, "link url", kMaxShortText));
  if (c.title.size() > kMaxShortText) return Error::InvalidArgument("link title is too long");
  return One(events::LinkAdded{c.kind, c.url, c.title});
}

Decider::R Decider::operator()(const commands::UpdateImpact& c) {
  if (s.status == Status::kClosed || s.status == Status::kDismissed)
    return Refuse(s, "update the impact");
  if (c.change.Empty()) return Error::InvalidArgument("no impact field given");
  WARROOM_RETURN_IF_ERROR(CheckImpact(c.change));
  return One(events::ImpactUpdated{c.change});
}

}  // namespace warroom::core::decide
