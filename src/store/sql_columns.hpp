#pragma once

// The column lists both SQL adapters (SQLite, PostgreSQL) select and insert,
// in the order their row readers read them: one schema, named once. Both
// stores keep the same column names (postgres/sql/0001_init.sql says so).
namespace warroom::store::sql_columns {

inline constexpr const char* kEventColumns =
    "global_seq, incident_id, incident_seq, occurred_at, recorded_at, actor_kind, actor_id, "
    "type, payload, prev_hash, hash";
inline constexpr const char* kCheckpointColumns =
    "id, global_seq, created_at, heads_digest, public_key, signature";
inline constexpr const char* kIntegrationColumns =
    "name, type, enabled, created_at, rotated_at, last_report_at, reports";
inline constexpr const char* kAlertColumns =
    "id, integration, alert_key, starts_at, status, group_key, summary, labels, annotations, "
    "source_url, first_seen, last_seen, ends_at, fire_count, coalesce(incident_id, ''), "
    "disposition, route, coalesce(triaged_by, ''), triaged_at, triage_note";
inline constexpr const char* kOutboxColumns =
    "id, incident_id, cause_seq, destination, kind, audience, subject, body, "
    "idempotency_key, retry_on_unknown, state, attempts, next_attempt_at, last_error, "
    "created_at, finished_at, recipient";
inline constexpr const char* kUserColumns =
    "handle, name, email, chat_handle, permission, created_at, slack_member_id, phone, "
    "disabled_at, publish_public";
inline constexpr const char* kJoinedUserColumns =
    "u.handle, u.name, u.email, u.chat_handle, u.permission, u.created_at, "
    "u.slack_member_id, u.phone, u.disabled_at, u.publish_public";
inline constexpr const char* kTokenColumns =
    "t.id, t.handle, t.label, t.scope, t.created_at, t.expires_at, t.last_used_at, "
    "t.revoked_at";
inline constexpr const char* kRequestColumns =
    "caller, key, method, path, body_digest, status, content_type, answer, at";
// How many columns kTokenColumns holds (kJoinedUserColumns follow it).
inline constexpr int kTokenColumnCount = 8;
inline constexpr const char* kSessionColumns =
    "s.id, s.handle, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at, s.client, "
    "s.user_agent";
// How many columns kSessionColumns holds (kJoinedUserColumns follow it).
inline constexpr int kSessionColumnCount = 8;
inline constexpr const char* kSignInLinkColumns = "handle, created_at, expires_at, used_at";
inline constexpr const char* kSubscriberColumns =
    "id, channel, address, components, state, created_at, confirmed_at, unsubscribed_at, "
    "confirmation_requested_at, client";
inline constexpr const char* kSubscriberTokenColumns =
    "subscriber_id, purpose, created_at, expires_at, used_at";
// An action_items row, then (ListActionItems) its incident's severity and
// summary.
inline constexpr const char* kActionItemColumns =
    "a.incident_id, a.item_id, a.title, a.owner, a.due, a.priority, a.status, a.reason, "
    "a.tracker_url, a.created_by, a.created_at, a.updated_at, a.done_at, a.reminders, "
    "a.last_reminded_day, i.severity, i.summary";

}  // namespace warroom::store::sql_columns
