#include "engine/notify_rules/messages.hpp"
#include "engine/notify_rules/rules.hpp"

namespace warroom::engine::notify_rules {

namespace {

std::map<std::string, std::string> ItemFields(const core::ActionItem& a) {
  return {{"item_id", std::to_string(a.id)},
          {"item_title", a.title},
          {"item_owner", a.owner},
          {"item_due", a.due},
          {"item_priority", std::string(core::SeverityName(a.priority))},
          {"item_tracker_url", a.tracker_url}};
}

}  // namespace

Outbox ActionItemAdded(const RuleInput& in, const core::events::ActionItemAdded& a) {
  // Whoever adds an item for someone else tells them; one's own is known.
  const core::ActionItem* item = in.state.FindActionItem(a.item_id);
  if (!item || a.owner == in.event.actor.id) return {};
  auto fields = ItemFields(*item);
  fields["actor"] = in.event.actor.id;
  Messages out(in);
  out.ToPeople({a.owner}, store::OutboxKind::kMessage, core::Audience::kInternal,
               Render(in, "action-item-assigned", fields));
  return out.Take();
}

Outbox ActionItemReminded(const RuleInput& in, const core::events::ActionItemReminded& r) {
  const core::ActionItem* item = in.state.FindActionItem(r.item_id);
  if (!item) return {};
  auto fields = ItemFields(*item);
  fields["reminder"] = std::to_string(r.reminder);
  if (r.reminder > 1) fields["escalated"] = "yes";
  Messages out(in);
  out.ToPeople(r.to, store::OutboxKind::kReminder, core::Audience::kInternal,
               Render(in, "action-item-overdue", fields));
  return out.Take();
}

}  // namespace warroom::engine::notify_rules
