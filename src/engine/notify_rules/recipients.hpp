#pragma once

// Who a notification is for: the people behind group names and roles. Pure
// lookups over a rule's input.
#include <string>
#include <vector>

#include "engine/notify_rules/rule_input.hpp"

namespace warroom::engine::notify_rules {

// The people behind names: a group's members, or the handle itself; each
// once, in order, none empty.
std::vector<std::string> Resolve(const RuleInput& in, const std::vector<std::string>& names);

// The groups the policy says fill a role (none when the role is not defined).
std::vector<std::string> RoleGroups(const RuleInput& in, core::Role r);

// The holder of a role, or, while it is vacant, the members of its groups.
std::vector<std::string> RoleHolderOrGroups(const RuleInput& in, core::Role r);

// The Incident Commander and the Communications Lead, those assigned, once each.
std::vector<std::string> CommanderAndCl(const RuleInput& in);

}  // namespace warroom::engine::notify_rules

namespace warroom::engine::notify_rules {

// Names as one template field's value: "oncall-sre, oncall-backend".
std::string Joined(const std::vector<std::string>& names);

}  // namespace warroom::engine::notify_rules
