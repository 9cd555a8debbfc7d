#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/incident/state.hpp"
#include "store/checkpoint.hpp"
#include "store/leases.hpp"
#include "store/records.hpp"
#include "store/requests.hpp"
#include "store/sessions.hpp"
#include "store/subscribers.hpp"

namespace warroom::store::memory {

// Everything the memory twin stores: the same tables as the SQLite schema,
// as plain containers. A write works on a copy and the copy replaces these
// only when the write succeeds (the twin's savepoint), so the containers
// keep value semantics and nothing here points into another table.
struct Tables {
  // The log: each incident's chain in incident_seq order, and the last
  // global sequence handed out.
  std::map<std::string, std::vector<StoredEvent>> chains;
  std::int64_t last_global_seq = 0;
  std::vector<Checkpoint> checkpoints;  // in id order (1, 2, ...)

  struct PolicyVersion {
    std::string version;
    std::string yaml;
    TimePoint recorded_at;
  };
  std::vector<PolicyVersion> policies;  // in the order recorded

  std::vector<IncidentRow> incidents;                     // in declaration (insertion) order
  std::map<std::string, std::int64_t> incident_counters;  // day -> last number
  // (incident id, item number) -> the item, as action_items holds it.
  std::map<std::pair<std::string, std::int64_t>, core::ActionItem> action_items;

  std::map<std::string, User> users;  // by handle
  struct StoredToken {
    Hash digest{};
    ApiToken token;
  };
  std::vector<StoredToken> tokens;                     // in id order (1, 2, ...)
  std::map<std::string, std::string> password_hashes;  // by handle
  struct StoredSession {
    Hash digest{};
    WebSession session;
  };
  std::vector<StoredSession> sessions;  // in id order; forgotten ones leave gaps
  std::int64_t last_session_id = 0;
  std::map<Hash, SignInLink> sign_in_links;
  std::map<std::string, SignInFailures> sign_in_failures;  // by key

  std::vector<Subscriber> subscribers;  // in id order; erased ones leave gaps
  std::int64_t last_subscriber_id = 0;
  std::map<Hash, SubscriberToken> subscriber_tokens;
  std::map<std::string, std::vector<TimePoint>> subscribe_requests;  // by key, in arrival order

  struct StoredMessage {
    OutboxMessage message;
    TimePoint lease_until{};  // the epoch: not leased
  };
  std::vector<StoredMessage> outbox;  // in id order (1, 2, ...)
  std::vector<OutboxAttempt> attempts;

  struct StoredIntegration {
    Integration integration;
    Hash key_digest{};
  };
  std::map<std::string, StoredIntegration> integrations;  // by name
  std::vector<AlertRecord> alerts;                        // in id order (1, 2, ...)
  struct GroupHolder {
    std::string integration;
    std::string group_key;
    std::string incident_id;
    TimePoint attached_at;
  };
  std::vector<GroupHolder> holders;                                       // in insertion order
  std::map<std::string, Lease> leases;                                    // by name
  std::map<std::pair<std::string, std::string>, RequestRecord> requests;  // by (caller, key)
  std::optional<TimePoint> simulated_now;
};

}  // namespace warroom::store::memory
