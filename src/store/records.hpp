#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/time.hpp"
#include "core/alerts/alert.hpp"
#include "core/alerts/disposition.hpp"
#include "core/alerts/sender.hpp"
#include "core/incident/kinds.hpp"
#include "core/severity/severity.hpp"
#include "store/attempt_outcome.hpp"
#include "store/outbox_kind.hpp"
#include "store/outbox_state.hpp"

namespace warroom::store {

using Hash = std::array<unsigned char, 32>;

// An event as the log keeps it: payload bytes exactly as hashed.
struct StoredEvent {
  std::int64_t global_seq = 0;
  std::string incident_id;
  std::int64_t incident_seq = 0;
  TimePoint occurred_at;
  TimePoint recorded_at;
  std::string actor_kind;
  std::string actor_id;
  std::string type;
  std::string payload;
  Hash prev_hash{};
  Hash hash{};
};

// What a writer appends; the store assigns the sequence numbers and hashes.
struct NewEvent {
  std::string incident_id;
  TimePoint occurred_at;
  TimePoint recorded_at;
  std::string actor_kind;
  std::string actor_id;
  std::string type;
  std::string payload;
};

// The incident list's read model, written in the same transaction as the
// events it reflects.
struct IncidentRow {
  std::string id;
  core::Severity severity = core::Severity::kP3;
  core::Status status = core::Status::kInvestigating;
  bool open = true;
  std::string summary;
  core::Visibility visibility = core::Visibility::kPublic;
  std::vector<std::string> participants;
  TimePoint declared_at;
  TimePoint updated_at;
  std::int64_t last_seq = 0;
  bool frozen = false;  // a code freeze is active
  std::string freeze_reason;
  TimePoint freeze_since;
};

struct IncidentFilter {
  std::optional<bool> open;
  std::optional<core::Severity> severity;
  std::optional<core::Status> status;
  std::string text;                // matched against the summary and id
  std::optional<bool> frozen;      // only incidents with (or without) an active code freeze
  bool ignore_visibility = false;  // every incident (the freeze list: pipelines stop for all)
  std::string viewer;              // restricted incidents only when a participant
  bool viewer_is_admin = false;
  int limit = 50;
  int offset = 0;
};

// One message of the transactional outbox.
struct OutboxMessage {
  std::int64_t id = 0;
  std::string incident_id;
  std::int64_t cause_seq = 0;
  std::string destination;
  std::string recipient;  // a person's address on the destination; empty: the destination's own
  OutboxKind kind = OutboxKind::kMessage;
  core::Audience audience = core::Audience::kInternal;
  std::string subject;
  std::string body;
  std::string idempotency_key;
  bool retry_on_unknown = false;
  OutboxState state = OutboxState::kPending;
  int attempts = 0;
  TimePoint next_attempt_at;
  std::string last_error;
  TimePoint created_at;
  std::optional<TimePoint> finished_at;
};

struct OutboxAttempt {
  std::int64_t message_id = 0;
  int attempt = 0;
  TimePoint started_at;
  TimePoint finished_at;
  AttemptOutcome outcome = AttemptOutcome::kRetry;
  int http_status = 0;
  std::string detail;
};

struct OutboxFilter {
  std::vector<OutboxState>
      states;  // any of these (the API's "failed": dead or unknown); empty: all
  std::string incident_id;
  std::optional<OutboxLane> lane;  // only this lane's messages; none: both
  int limit = 100;
};

// An alert source with its own API key (stored as a digest).
struct Integration {
  std::string name;
  core::Sender type = core::Sender::kGeneric;
  bool enabled = true;
  TimePoint created_at;
  std::optional<TimePoint> rotated_at;
  std::optional<TimePoint> last_report_at;  // the last accepted request
  std::int64_t reports = 0;                 // accepted requests
};

// One firing of one thing, as an integration reported it.
struct AlertRecord {
  std::int64_t id = 0;
  std::string integration;
  std::string alert_key;  // fingerprint or dedup_key
  TimePoint starts_at;
  core::AlertStatus status = core::AlertStatus::kFiring;
  std::string group_key;
  std::string summary;
  std::string labels;       // JSON object
  std::string annotations;  // JSON object
  std::string source_url;
  TimePoint first_seen;
  TimePoint last_seen;
  std::optional<TimePoint> ends_at;
  int fire_count = 1;
  std::string incident_id;
  core::Disposition disposition = core::Disposition::kTriage;  // incident: joined incident_id
  std::string route;  // the routing rule that matched ("" when none did)
  std::string triaged_by;
  std::optional<TimePoint> triaged_at;
  std::string triage_note;  // why (a dismissal's reason)
  // Not stored: the sender gives no start time (PagerDuty Events v2), so this
  // report belongs to the open alert with the same key, or starts a new one.
  bool match_open = false;
};

// Where alerts went, as the router or a responder's triage set it.
struct AlertDisposition {
  core::Disposition disposition = core::Disposition::kTriage;
  std::string incident_id;
  std::string route;  // the route that matched; "" keeps the one recorded
  std::string by;     // the responder who triaged; "" for the router
  std::string note;   // why, as the responder said
  TimePoint at;
};

// What one report did to its alert.
struct AlertUpsert {
  AlertRecord alert;  // as stored now
  bool created = false;
  std::optional<core::AlertStatus> previous_status;  // before this report (none when created)
};

struct AlertFilter {
  std::optional<core::AlertStatus> status;
  std::string integration;
  std::string incident_id;
  std::optional<core::Disposition> disposition;
  std::string group_key;
  int limit = 100;
};

enum class Permission {
  kViewer,     // reads
  kResponder,  // reads and incident commands
  kAdmin,      // everything, including users and every restricted incident
};
std::string_view PermissionName(Permission p);
std::optional<Permission> ParsePermission(std::string_view s);
// A token's scope names the permission it may use: read (a viewer's),
// respond (a responder's) or admin. Stored and answered by these names.
std::string_view ScopeName(Permission p);
std::optional<Permission> ParseScope(std::string_view s);

struct User {
  std::string handle;
  std::string name;
  std::string email;
  std::string chat_handle;
  std::string slack_member_id;  // for direct messages (U0123ABCD)
  std::string phone;            // E.164, for an SMS channel
  Permission permission = Permission::kViewer;
  TimePoint created_at;
  std::optional<TimePoint> disabled_at;  // set: none of the user's tokens is accepted
  // May post to the public status page (admins always may).
  bool publish_public = false;
};

// An API token as stored (the secret itself is never stored, only its digest).
struct ApiToken {
  std::int64_t id = 0;  // public: listed and revoked by it
  std::string handle;
  std::string label;
  Permission scope = Permission::kViewer;  // at most the user's permission when issued
  TimePoint created_at;
  std::optional<TimePoint> expires_at;
  std::optional<TimePoint> last_used_at;  // to the hour (engine/user_service)
  std::optional<TimePoint> revoked_at;
};

// A token with the user holding it, as a bearer token is checked.
struct TokenGrant {
  ApiToken token;
  User user;
};

}  // namespace warroom::store
