// Decide (command.hpp) for action items: the PIR's preventive actions, owned
// by the incident and tracked to done, also after it is closed.
#include <algorithm>

#include "core/incident/decide_checks.hpp"
#include "core/incident/decider.hpp"

namespace warroom::core::decide {

namespace {

Outcome CheckPriority(Severity p) {
  if (p == Severity::kP3)
    return Error::InvalidArgument("an action item's priority is P0, P1 or P2, as in the template");
  return Success();
}

// A due date must be a real day (InvalidArgument), and not one already past
// on the day the command happens, UTC (FailedPrecondition: well formed, but
// too late as of today).
Outcome CheckDue(const std::string& due, TimePoint at) {
  if (auto d = ParseDate(due); !d.ok()) return d.error();
  std::string today = FormatDate(at);
  if (due < today)
    return Error::FailedPrecondition("due date " + due + " is in the past (today is " + today +
                                     " UTC): give today or a later day");
  return Success();
}

std::string ItemName(const IncidentState& s, std::int64_t id) {
  return "action item " + std::to_string(id) + " of " + s.id;
}

}  // namespace

Decider::R Decider::operator()(const commands::AddActionItem& c) {
  if (s.status == Status::kDismissed)
    return Error::FailedPrecondition(s.id +
                                     " was dismissed: a false alarm or duplicate owes no action "
                                     "items");
  WARROOM_RETURN_IF_ERROR(RequireText(c.title, "action item title", kMaxShortText));
  WARROOM_RETURN_IF_ERROR(RequireText(c.owner, "the action item's owner", kMaxShortText));
  WARROOM_RETURN_IF_ERROR(RequireNotViewer(s, ctx, c.owner, "own an action item"));
  WARROOM_RETURN_IF_ERROR(CheckDue(c.due, at));
  WARROOM_RETURN_IF_ERROR(CheckPriority(c.priority));
  std::int64_t id = 1;
  for (const ActionItem& a : s.action_items) id = std::max(id, a.id + 1);
  return One(events::ActionItemAdded{id, c.title, c.owner, c.due, c.priority, c.tracker_url});
}

Decider::R Decider::operator()(const commands::UpdateActionItem& c) {
  const ActionItem* item = s.FindActionItem(c.item_id);
  if (!item) return Error::NotFound(s.id + " has no action item " + std::to_string(c.item_id));
  events::ActionItemUpdated u;
  u.item_id = c.item_id;
  // Only what differs is recorded; asking for what already is, is refused.
  if (c.title && *c.title != item->title) {
    WARROOM_RETURN_IF_ERROR(RequireText(*c.title, "action item title", kMaxShortText));
    u.title = c.title;
  }
  if (c.owner && *c.owner != item->owner) {
    WARROOM_RETURN_IF_ERROR(RequireText(*c.owner, "the action item's owner", kMaxShortText));
    WARROOM_RETURN_IF_ERROR(RequireNotViewer(s, ctx, *c.owner, "own an action item"));
    u.owner = c.owner;
  }
  if (c.due && *c.due != item->due) {
    WARROOM_RETURN_IF_ERROR(CheckDue(*c.due, at));
    u.due = c.due;
  }
  if (c.priority && *c.priority != item->priority) {
    WARROOM_RETURN_IF_ERROR(CheckPriority(*c.priority));
    u.priority = c.priority;
  }
  if (c.tracker_url && *c.tracker_url != item->tracker_url) u.tracker_url = c.tracker_url;
  if (c.status && *c.status != item->status) {
    if (*c.status == ActionStatus::kWontDo && IsBlank(c.reason))
      return Error::InvalidArgument("say why " + ItemName(s, c.item_id) +
                                    " won't be done: give a reason");
    u.status = c.status;
  } else if (c.status) {
    return Error::FailedPrecondition(ItemName(s, c.item_id) + " is already " +
                                     std::string(ActionStatusName(item->status)));
  }
  if (c.reason.size() > kMaxShortText)
    return Error::InvalidArgument("the reason is longer than " + std::to_string(kMaxShortText) +
                                  " bytes; put the details in a note");
  if (!u.title && !u.owner && !u.due && !u.priority && !u.tracker_url && !u.status)
    return Error::InvalidArgument("nothing to change on " + ItemName(s, c.item_id) +
                                  ": give a new title, owner, due date, priority, status or "
                                  "tracker link");
  u.reason = c.reason;
  return One(std::move(u));
}

Decider::R Decider::operator()(const commands::RemindActionItem& c) {
  if (ctx.actor.kind != Actor::Kind::kSystem)
    return Error::PermissionDenied("overdue reminders are sent by warroom itself");
  const ActionItem* item = s.FindActionItem(c.item_id);
  if (!item) return Error::NotFound(s.id + " has no action item " + std::to_string(c.item_id));
  std::string today = FormatDate(at);
  if (!item->OverdueOn(today))
    return Error::FailedPrecondition(ItemName(s, c.item_id) + " is not overdue on " + today);
  if (item->last_reminded_day >= today)
    return Error::AlreadyExists(ItemName(s, c.item_id) + " was already reminded on " + today);
  // The owner first; an item still overdue a day later goes to the IC too.
  int reminder = item->reminders + 1;
  std::vector<std::string> to{item->owner};
  std::string ic = s.Commander();
  if (reminder > 1 && !ic.empty() && ic != item->owner) to.push_back(ic);
  return One(events::ActionItemReminded{c.item_id, today, reminder, std::move(to)});
}

}  // namespace warroom::core::decide
