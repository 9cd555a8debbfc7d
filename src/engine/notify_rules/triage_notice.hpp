#pragma once

// The notice that a group's alerts wait for a responder: about no incident
// (none is declared yet), so it has an input of its own.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/channel.hpp"
#include "engine/message_renderer.hpp"
#include "store/records.hpp"

namespace warroom::engine::notify_rules {

struct TriageInput {
  const Routing& routing;
  const MessageRenderer* renderer;  // null: the text is the group's summary
  std::string integration;
  std::string group_key;
  std::string summary;
  std::size_t alerts = 0;
  std::int64_t first_alert_id = 0;
  TimePoint now;
};

// To the triage route, or, without one, the internal route: one message per
// destination, keyed by the integration and the group's first alert (so a
// group entering triage is announced once).
std::vector<store::OutboxMessage> TriageNotice(const TriageInput& in);

}  // namespace warroom::engine::notify_rules
