#include "engine/notify_rules/messages.hpp"
#include "engine/notify_rules/rules.hpp"
#include "engine/update_message.hpp"

namespace warroom::engine::notify_rules {

using core::Audience;

Outbox UpdatePosted(const RuleInput& in, const core::events::UpdatePosted& u) {
  std::string audience(core::AudienceName(u.audience));
  // Every update states when the next one is due, counted from when it was
  // posted (the preview shows the same: engine/update_message).
  auto fields = UpdateMessageFields(in.state, in.policy, u.text, u.audience, in.event.occurred_at);
  Messages out(in);
  out.ToRoute(audience, store::OutboxKind::kMessage, u.audience,
              Render(in, "update-posted", std::move(fields)));
  return out.Take();
}

}  // namespace warroom::engine::notify_rules
