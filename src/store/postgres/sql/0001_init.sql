-- warroom's schema on PostgreSQL: the same tables as SQLite's migrations
-- 0001-0011 arrive at, in one step. Times are microseconds since the Unix
-- epoch (bigint), exactly as in SQLite, so `warroom migrate` copies rows
-- unchanged and the event chain hashes the same numbers on both stores.
-- Migrations after this one are added to both stores' folders.

-- The event log: append-only, hash-chained per incident, gap-free global
-- sequence. Payload bytes are stored exactly as hashed (bytea, never jsonb).
-- Writers of every instance take one advisory lock per transaction, so
-- global_seq is assigned in commit order.
CREATE TABLE events (
  global_seq   bigint PRIMARY KEY,
  incident_id  text   NOT NULL,
  incident_seq bigint NOT NULL,
  occurred_at  bigint NOT NULL,
  recorded_at  bigint NOT NULL,
  actor_kind   text   NOT NULL,
  actor_id     text   NOT NULL,
  type         text   NOT NULL,
  payload      bytea  NOT NULL,
  prev_hash    bytea  NOT NULL,
  hash         bytea  NOT NULL,
  UNIQUE (incident_id, incident_seq)
);

-- The head of every incident's chain, kept with each append.
CREATE TABLE chain_heads (
  incident_id  text PRIMARY KEY,
  incident_seq bigint NOT NULL,
  hash         bytea  NOT NULL
);

-- Signed checkpoints of every chain head (Ed25519; the key lives outside the
-- database).
CREATE TABLE checkpoints (
  id           bigint PRIMARY KEY,
  global_seq   bigint NOT NULL,
  created_at   bigint NOT NULL,
  heads_digest bytea  NOT NULL,
  public_key   bytea  NOT NULL,
  signature    bytea  NOT NULL
);

-- Read model of the incident list; rebuilt from the log when needed.
-- declared_order breaks ties of declared_at in declaration order (SQLite's
-- rowid); it is never read as commit order.
CREATE TABLE incidents (
  id             text PRIMARY KEY,
  declared_order bigint GENERATED ALWAYS AS IDENTITY,
  severity       text    NOT NULL,
  status         text    NOT NULL,
  is_open        boolean NOT NULL,
  summary        text    NOT NULL,
  visibility     text    NOT NULL,
  participants   text    NOT NULL,  -- ',alice,bob,' for membership tests
  declared_at    bigint  NOT NULL,
  updated_at     bigint  NOT NULL,
  last_seq       bigint  NOT NULL,
  frozen         boolean NOT NULL DEFAULT false,
  freeze_reason  text    NOT NULL DEFAULT '',
  freeze_since   bigint  NOT NULL DEFAULT 0
);
CREATE INDEX incidents_by_declared ON incidents (declared_at DESC, declared_order DESC);
CREATE INDEX incidents_open ON incidents (is_open, declared_at DESC);
CREATE INDEX incidents_frozen ON incidents (frozen) WHERE frozen;

-- Per-day counters for INC-YYYY-MM-DD-NNN ids.
CREATE TABLE incident_counters (
  day  text PRIMARY KEY,
  last bigint NOT NULL
);

CREATE TABLE users (
  handle          text PRIMARY KEY,
  name            text   NOT NULL,
  email           text   NOT NULL,
  chat_handle     text   NOT NULL,
  permission      text   NOT NULL,
  created_at      bigint NOT NULL,
  slack_member_id text   NOT NULL DEFAULT '',
  phone           text   NOT NULL DEFAULT '',
  disabled_at     bigint
);

-- Scoped API tokens, stored only as SHA-256 digests of the 256-bit secret.
CREATE TABLE api_tokens (
  id           bigint PRIMARY KEY,
  digest       bytea  NOT NULL UNIQUE,
  handle       text   NOT NULL REFERENCES users (handle),
  label        text   NOT NULL,
  scope        text   NOT NULL,  -- read, respond, admin
  created_at   bigint NOT NULL,
  expires_at   bigint,
  last_used_at bigint,
  revoked_at   bigint
);
CREATE INDEX api_tokens_by_handle ON api_tokens (handle, id);

-- Every policy version the server has run under.
CREATE TABLE policies (
  version        text PRIMARY KEY,
  yaml           text   NOT NULL,
  recorded_at    bigint NOT NULL,
  recorded_order bigint GENERATED ALWAYS AS IDENTITY  -- ties of recorded_at
);

-- The transactional outbox: a message row is written in the same transaction
-- as the event that caused it; the dispatcher delivers it with retries.
CREATE TABLE outbox (
  id               bigint PRIMARY KEY,
  incident_id      text    NOT NULL,
  cause_seq        bigint  NOT NULL,
  destination      text    NOT NULL,
  kind             text    NOT NULL,  -- page, message, reminder, escalation
  audience         text    NOT NULL,
  subject          text    NOT NULL,
  body             text    NOT NULL,
  idempotency_key  text    NOT NULL UNIQUE,
  retry_on_unknown boolean NOT NULL,
  state            text    NOT NULL,  -- pending, delivered, dead, unknown
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  bigint  NOT NULL,
  lease_until      bigint  NOT NULL DEFAULT 0,
  last_error       text    NOT NULL DEFAULT '',
  created_at       bigint  NOT NULL,
  finished_at      bigint,
  recipient        text    NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_incident ON outbox (incident_id);

CREATE TABLE outbox_attempts (
  message_id  bigint  NOT NULL REFERENCES outbox (id),
  attempt     integer NOT NULL,
  started_at  bigint  NOT NULL,
  finished_at bigint  NOT NULL,
  outcome     text    NOT NULL,  -- delivered, retry, failed, unknown
  http_status integer NOT NULL,
  detail      text    NOT NULL,
  PRIMARY KEY (message_id, attempt)
);

-- Alert sources: each integration has its own API key, stored as a digest.
CREATE TABLE integrations (
  name           text PRIMARY KEY,
  type           text    NOT NULL,  -- alertmanager, grafana, pagerduty, generic
  key_digest     bytea   NOT NULL UNIQUE,
  enabled        boolean NOT NULL DEFAULT true,
  created_at     bigint  NOT NULL,
  rotated_at     bigint,
  last_report_at bigint,
  reports        bigint  NOT NULL DEFAULT 0
);

-- An alert is one firing of one thing: (integration, key, start time). A
-- repeat updates its row (count, last seen); it never adds a second alert.
CREATE TABLE alerts (
  id          bigint PRIMARY KEY,
  integration text    NOT NULL,
  alert_key   text    NOT NULL,  -- fingerprint or dedup_key
  starts_at   bigint  NOT NULL,
  status      text    NOT NULL,  -- firing, resolved, acknowledged
  group_key   text    NOT NULL,
  summary     text    NOT NULL,
  labels      text    NOT NULL,  -- JSON object, as the sender's translator wrote it
  annotations text    NOT NULL,  -- JSON object
  source_url  text    NOT NULL,
  first_seen  bigint  NOT NULL,
  last_seen   bigint  NOT NULL,
  ends_at     bigint,
  fire_count  integer NOT NULL DEFAULT 1,
  incident_id text,
  disposition text    NOT NULL DEFAULT 'triage',
  route       text    NOT NULL DEFAULT '',
  triaged_by  text,
  triaged_at  bigint,
  triage_note text    NOT NULL DEFAULT '',
  UNIQUE (integration, alert_key, starts_at)
);
-- As on SQLite (its migration 0011 says why): no index holds last_seen,
-- which every repeat rewrites.
CREATE INDEX alerts_status ON alerts (status);
CREATE INDEX alerts_disposition ON alerts (disposition);
CREATE INDEX alerts_group ON alerts (integration, group_key);
CREATE INDEX alerts_incident ON alerts (incident_id, status) WHERE incident_id IS NOT NULL;

-- Which incidents hold an alert group (a projection of the
-- alert_group_attached events): the next alert of the group joins the newest.
CREATE TABLE alert_group_holders (
  integration    text   NOT NULL,
  group_key      text   NOT NULL,
  incident_id    text   NOT NULL,
  attached_at    bigint NOT NULL,
  attached_order bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (integration, group_key, incident_id)
);
