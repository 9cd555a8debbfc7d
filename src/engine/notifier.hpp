#pragma once

#include <vector>

#include "engine/channel.hpp"
#include "engine/message_renderer.hpp"
#include "engine/policy_registry.hpp"

namespace warroom::engine {

// Decides the messages a command's events owe, per the severity's row and the
// routing: written to the outbox in the same transaction as the events.
//
// - declared: the INCIDENT DECLARED message to the internal route; a page to
//   the pages route naming the groups the row pages.
// - update_posted: the update to the route of its audience.
// - resolved: the INCIDENT RESOLVED message to the internal route.
// - clock_breached (live, not retroactive): acknowledgment missed -> re-page
//   and escalate to the backup; update missed -> remind the IC and CL;
//   customer communication overdue -> remind the CL; target resolution
//   passed -> the engineering manager (P1) or executives (P0); PIR due ->
//   remind the IC.
// A restricted incident is never posted to the internal, status-page or
// customers routes; its messages go to pages (naming its participants) only.
class Notifier {
 public:
  Notifier(Routing routing, const MessageRenderer* renderer)
      : routing_(std::move(routing)), renderer_(renderer) {}

  std::vector<store::OutboxMessage> MessagesFor(const core::IncidentState& after,
                                                const std::vector<core::Event>& appended,
                                                const PolicyEntry& policy, TimePoint now) const;

  const Routing& routing() const { return routing_; }

 private:
  Routing routing_;
  const MessageRenderer* renderer_;
};

}  // namespace warroom::engine
