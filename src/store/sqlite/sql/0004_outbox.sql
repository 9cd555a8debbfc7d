-- The transactional outbox: a message row is written in the same transaction
-- as the event that caused it; the dispatcher delivers it with retries.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  incident_id      TEXT    NOT NULL,
  cause_seq        INTEGER NOT NULL,  -- the incident_seq of the event that caused it
  destination      TEXT    NOT NULL,  -- a configured destination's name
  kind             TEXT    NOT NULL,  -- page, message, reminder, escalation
  audience         TEXT    NOT NULL,
  subject          TEXT    NOT NULL,
  body             TEXT    NOT NULL,  -- the text to send
  idempotency_key  TEXT    NOT NULL UNIQUE,
  retry_on_unknown INTEGER NOT NULL,  -- pages: a duplicate beats a loss
  state            TEXT    NOT NULL,  -- pending, delivered, dead, unknown
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  lease_until      INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT    NOT NULL DEFAULT '',
  created_at       INTEGER NOT NULL,
  finished_at      INTEGER
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_incident ON outbox (incident_id);

CREATE TABLE outbox_attempts (
  message_id  INTEGER NOT NULL REFERENCES outbox (id),
  attempt     INTEGER NOT NULL,
  started_at  INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  outcome     TEXT    NOT NULL,  -- delivered, retry, failed, unknown
  http_status INTEGER NOT NULL,
  detail      TEXT    NOT NULL,
  PRIMARY KEY (message_id, attempt)
);
