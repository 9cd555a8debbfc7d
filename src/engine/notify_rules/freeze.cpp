#include "engine/notify_rules/messages.hpp"
#include "engine/notify_rules/rules.hpp"

namespace warroom::engine::notify_rules {

Outbox FreezeDeclared(const RuleInput& in, const core::events::FreezeDeclared& f) {
  Messages out(in);
  out.ToRoute(
      "internal", store::OutboxKind::kMessage, core::Audience::kInternal,
      Render(in, "code-freeze-declared", {{"actor", in.event.actor.id}, {"reason", f.reason}}));
  return out.Take();
}

Outbox FreezeLifted(const RuleInput& in, const core::events::FreezeLifted& f) {
  Messages out(in);
  out.ToRoute(
      "internal", store::OutboxKind::kMessage, core::Audience::kInternal,
      Render(in, "code-freeze-lifted", {{"actor", in.event.actor.id}, {"reason", f.reason}}));
  return out.Take();
}

}  // namespace warroom::engine::notify_rules
