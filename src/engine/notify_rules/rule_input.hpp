#pragma once

// What every notifier rule decides from: the incident after the command's
// events, the one event the rule is for, the incident's policy, where each
// route leads, who the groups and people are, and the time now. Nothing in
// it is owned: the Notifier and its caller keep it alive for the call.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/incident/event.hpp"
#include "core/incident/state.hpp"
#include "engine/channel.hpp"
#include "engine/group_resolver.hpp"
#include "engine/message_renderer.hpp"
#include "engine/policy_registry.hpp"
#include "store/records.hpp"

namespace warroom::engine {

// A destination that reaches one person at a time, by their contact point.
struct PersonDestination {
  std::string name;     // the destination's name ("person-email", "person-slack")
  std::string contact;  // which contact point: "email" or "slack"
};

// Looks a person up by handle (inside the write that owes the messages).
using FindUser = std::function<std::optional<store::User>(const std::string& handle)>;

namespace notify_rules {

struct RuleInput {
  const core::IncidentState& state;  // after every event of the command
  const core::Event& event;          // the event this rule answers
  const PolicyEntry& policy;         // the policy the incident runs under
  const Routing& routing;
  const MessageRenderer* renderer;  // every text comes from it (null: a bare headline)
  const GroupResolver* groups;      // null: a group name is a handle
  const std::vector<PersonDestination>& people;
  const FindUser& find_user;  // null: no one is reached in person
  TimePoint now;
};

}  // namespace notify_rules

}  // namespace warroom::engine
