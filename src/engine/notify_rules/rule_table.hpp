#pragma once

// Which rule answers which event: the notifier looks each appended event's
// type up here. Adding what a new event owes is a rule in rules.hpp and one
// line in rule_table.cpp.
#include <string_view>
#include <vector>

#include "engine/notify_rules/rules.hpp"

namespace warroom::engine::notify_rules {

using Rule = Outbox (*)(const RuleInput& in);

// The rule for an event's type, or null when that type owes no message
// (acknowledged, severity changed, role assigned, ...).
Rule RuleFor(const core::EventPayload& payload);

// The event types that have a rule, by their stored names.
std::vector<std::string_view> EventTypesWithRules();

}  // namespace warroom::engine::notify_rules
