#include "engine/notify_rules/rule_table.hpp"

#include <map>

namespace warroom::engine::notify_rules {

namespace ev = core::events;

namespace {

// A rule of one event type, called with that type's payload.
template <typename Payload, Outbox (*F)(const RuleInput&, const Payload&)>
Outbox Typed(const RuleInput& in) {
  return F(in, std::get<Payload>(in.event.payload));
}

template <typename Payload, Outbox (*F)(const RuleInput&, const Payload&)>
std::pair<const std::string_view, Rule> Entry() {
  return {core::EventTypeName(core::EventPayload{Payload{}}), &Typed<Payload, F>};
}

const std::map<std::string_view, Rule>& Table() {
  static const std::map<std::string_view, Rule> kTable = {
      Entry<ev::Declared, &Declared>(),
      Entry<ev::UpdatePosted, &UpdatePosted>(),
      Entry<ev::PageRequested, &PageRequested>(),
      Entry<ev::FreezeDeclared, &FreezeDeclared>(),
      Entry<ev::FreezeLifted, &FreezeLifted>(),
      Entry<ev::AlertGroupAttached, &AlertGroupAttached>(),
      Entry<ev::AlertsResolved, &AlertsResolved>(),
      Entry<ev::MessageOutcomeUnknown, &MessageOutcomeUnknown>(),
      Entry<ev::Resolved, &Resolved>(),
      Entry<ev::ClockBreached, &ClockBreached>(),
      Entry<ev::ActionItemAdded, &ActionItemAdded>(),
      Entry<ev::ActionItemReminded, &ActionItemReminded>(),
  };
  return kTable;
}

}  // namespace

Rule RuleFor(const core::EventPayload& payload) {
  auto it = Table().find(core::EventTypeName(payload));
  return it == Table().end() ? nullptr : it->second;
}

std::vector<std::string_view> EventTypesWithRules() {
  std::vector<std::string_view> out;
  for (const auto& [name, rule] : Table()) out.push_back(name);
  return out;
}

}  // namespace warroom::engine::notify_rules
