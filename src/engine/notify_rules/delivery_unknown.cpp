#include "engine/notify_rules/messages.hpp"
#include "engine/notify_rules/recipients.hpp"
#include "engine/notify_rules/rules.hpp"

namespace warroom::engine::notify_rules {

// Sent, but whether it arrived is unknown, and it is not sent again: the
// Communications Lead checks (a page's unknown outcome is retried instead).
Outbox MessageOutcomeUnknown(const RuleInput& in, const core::events::MessageOutcomeUnknown& u) {
  Text text = Render(in, "delivery-unknown",
                     {{"message_kind", u.kind},
                      {"message_audience", u.audience},
                      {"message_destination", u.destination},
                      {"message_detail", u.detail},
                      {"message_id", std::to_string(u.message_id)}});
  Messages out(in);
  out.ToPeople(RoleHolderOrGroups(in, core::Role::kCommunicationsLead),
               store::OutboxKind::kReminder, core::Audience::kInternal, text);
  return out.Take();
}

}  // namespace warroom::engine::notify_rules
