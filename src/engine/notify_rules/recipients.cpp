#include "engine/notify_rules/recipients.hpp"

#include <algorithm>

namespace warroom::engine::notify_rules {

std::vector<std::string> Resolve(const RuleInput& in, const std::vector<std::string>& names) {
  std::vector<std::string> handles;
  for (const auto& n : names) {
    auto members = in.groups ? in.groups->Members(n) : std::nullopt;
    for (const auto& h : members ? *members : std::vector<std::string>{n})
      if (!h.empty() && std::find(handles.begin(), handles.end(), h) == handles.end())
        handles.push_back(h);
  }
  return handles;
}

std::vector<std::string> RoleGroups(const RuleInput& in, core::Role r) {
  const core::RoleDefinition* d = in.policy.policy.FindRole(r);
  return d ? d->groups : std::vector<std::string>{};
}

std::vector<std::string> RoleHolderOrGroups(const RuleInput& in, core::Role r) {
  auto it = in.state.roles.find(r);
  if (it != in.state.roles.end()) return {it->second};
  return Resolve(in, RoleGroups(in, r));
}

std::vector<std::string> CommanderAndCl(const RuleInput& in) {
  std::vector<std::string> who;
  for (core::Role r : {core::Role::kIncidentCommander, core::Role::kCommunicationsLead}) {
    auto it = in.state.roles.find(r);
    if (it != in.state.roles.end() && std::find(who.begin(), who.end(), it->second) == who.end())
      who.push_back(it->second);
  }
  return who;
}

}  // namespace warroom::engine::notify_rules

namespace warroom::engine::notify_rules {

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& s : names) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace warroom::engine::notify_rules
