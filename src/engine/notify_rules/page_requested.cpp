#include "engine/notify_rules/messages.hpp"
#include "engine/notify_rules/recipients.hpp"
#include "engine/notify_rules/rules.hpp"

namespace warroom::engine::notify_rules {

Outbox PageRequested(const RuleInput& in, const core::events::PageRequested& p) {
  Text page = Render(in, "page-requested",
                     {{"paged", p.to}, {"actor", in.event.actor.id}, {"reason", p.reason}});
  Messages out(in);
  out.ToRoute("pages", store::OutboxKind::kPage, core::Audience::kInternal, page);
  // The IC pages whoever is needed, restricted incident or not.
  out.ToPeople(Resolve(in, {p.to}), store::OutboxKind::kPage, core::Audience::kInternal, page);
  return out.Take();
}

}  // namespace warroom::engine::notify_rules
