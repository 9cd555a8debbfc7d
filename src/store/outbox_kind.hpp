#pragma once

#include <optional>
#include <string_view>

namespace warroom::store {

// What an outbox message is for: the notifier rules pick it, the dispatcher
// treats pages and escalations apart (never coalesced, retried on an unknown
// outcome). Stored and answered (the outbox API's and the HTTP channel's
// "kind") by the names below; it also ends the message's idempotency key.
enum class OutboxKind {
  kPage,      // "page": wakes the people on call (a declaration, a page command)
  kMessage,   // "message": an announcement to a route (declared, update, resolved, freeze, triage)
  kReminder,  // "reminder": a nudge to the people who owe something (an update, a check)
  kEscalation,  // "escalation": a missed clock taken to the next people (re-page, target passed)
  kWarRoom,     // "war-room": a request to a chat destination to open the incident's channel
  // "notice": a status-page update or maintenance notice for the page's
  // subscribers: one to the "subscribers" destination (expanded into one
  // per subscriber), then one per subscriber (recipient: its id).
  kNotice,
  kConfirmation,  // "confirmation": a subscription's confirmation request (recipient: its id)
};

// The outbox's lanes, each delivered by a dispatcher of its own: the
// status page's subscribers (thousands of messages per update) never
// delay a page. Stored with each message.
enum class OutboxLane { kIncidents, kSubscribers };
OutboxLane LaneOf(OutboxKind k);
std::string_view OutboxLaneName(OutboxLane l);

std::string_view OutboxKindName(OutboxKind k);
std::optional<OutboxKind> ParseOutboxKind(std::string_view s);

}  // namespace warroom::store
