#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "engine/channel.hpp"
#include "engine/group_resolver.hpp"
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
// - alert_group_attached (a recurrence) and alerts_resolved (nothing fires
//   any more): tell the IC.
// A restricted incident is never posted to the internal, status-page or
// customers routes; its messages go to pages (naming its participants) only.
// A destination that reaches one person at a time, by their contact point.
struct PersonDestination {
  std::string name;     // the destination's name ("person-email", "person-slack")
  std::string contact;  // which contact point: "email" or "slack"
};

// Looks a person up by handle (inside the write that owes the messages).
using FindUser = std::function<std::optional<store::User>(const std::string& handle)>;

class Notifier {
 public:
  Notifier(Routing routing, const MessageRenderer* renderer, const GroupResolver* groups = nullptr,
           std::vector<PersonDestination> people = {})
      : routing_(std::move(routing)),
        renderer_(renderer),
        groups_(groups),
        people_(std::move(people)) {}

  // Pages also go to each member of the paged groups, and update reminders
  // to the IC and CL, on their contact points; a restricted incident's
  // messages go to its participants that way instead of to shared routes.
  std::vector<store::OutboxMessage> MessagesFor(const core::IncidentState& after,
                                                const std::vector<core::Event>& appended,
                                                const PolicyEntry& policy, TimePoint now,
                                                const FindUser& find_user = nullptr) const;

  // Tells the triage route (or, without one, the internal route) that a
  // group's alerts wait for a responder: once per group entering triage.
  std::vector<store::OutboxMessage> TriageNotice(const std::string& integration,
                                                 const std::string& group_key,
                                                 const std::string& summary, std::size_t alerts,
                                                 std::int64_t first_alert_id, TimePoint now) const;

  const Routing& routing() const { return routing_; }

 private:
  Routing routing_;
  const MessageRenderer* renderer_;
  const GroupResolver* groups_;
  std::vector<PersonDestination> people_;
};

}  // namespace warroom::engine
