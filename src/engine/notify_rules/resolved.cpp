#include "engine/notify_rules/messages.hpp"
#include "engine/notify_rules/rules.hpp"

namespace warroom::engine::notify_rules {

Outbox Resolved(const RuleInput& in, const core::events::Resolved&) {
  Messages out(in);
  out.ToRoute("internal", store::OutboxKind::kMessage, core::Audience::kInternal,
              Render(in, "incident-resolved"));
  return out.Take();
}

}  // namespace warroom::engine::notify_rules
