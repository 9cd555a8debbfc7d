#pragma once

#include <optional>
#include <vector>

#include "engine/channel.hpp"
#include "engine/group_resolver.hpp"
#include "engine/message_renderer.hpp"
#include "engine/notify_rules/rule_input.hpp"
#include "engine/policy_registry.hpp"
#include "engine/status_page_notices.hpp"

namespace warroom::engine {

// Decides the messages a command's events owe, per the severity's row and the
// routing: written to the outbox in the same transaction as the events. Each
// event is answered by its rule (notify_rules/rules.hpp says who is told
// what for each; rule_table.cpp which rule answers which event), and every
// text is rendered from a template through the renderer.
//
// A restricted incident is never posted to the internal, status-page,
// customers or executives routes; its messages go to pages (naming its
// participants) and to its participants in person.
class Notifier {
 public:
  // `renderer` renders every text (without one, each is a bare headline);
  // `groups` says who is in a group; `people` are the destinations that
  // reach one person. None is owned: each outlives the Notifier.
  Notifier(Routing routing, const MessageRenderer* renderer, const GroupResolver* groups = nullptr,
           std::vector<PersonDestination> people = {})
      : routing_(std::move(routing)),
        renderer_(renderer),
        groups_(groups),
        people_(std::move(people)) {}

  // Pages also go to each member of the paged groups, and update reminders
  // to the IC and CL, on their contact points; a restricted incident's
  // messages go to its participants that way instead of to shared routes.
  // The messages of `appended`, in order; none for an event without a rule.
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
  // The status page's subscribers are told of its updates too (set before
  // any command runs; none: no notices).
  void SetNotices(const StatusPageNotices* notices) { notices_ = notices; }

 private:
  Routing routing_;
  const MessageRenderer* renderer_;
  const GroupResolver* groups_;
  std::vector<PersonDestination> people_;
  const StatusPageNotices* notices_ = nullptr;
};

}  // namespace warroom::engine
