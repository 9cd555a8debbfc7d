-- The event log: append-only, hash-chained per incident, gap-free global
-- sequence. Payload bytes are stored exactly as hashed (BLOB, never parsed).
CREATE TABLE events (
  global_seq   INTEGER PRIMARY KEY,
  incident_id  TEXT    NOT NULL,
  incident_seq INTEGER NOT NULL,
  occurred_at  INTEGER NOT NULL,
  recorded_at  INTEGER NOT NULL,
  actor_kind   TEXT    NOT NULL,
  actor_id     TEXT    NOT NULL,
  type         TEXT    NOT NULL,
  payload      BLOB    NOT NULL,
  prev_hash    BLOB    NOT NULL,
  hash         BLOB    NOT NULL,
  UNIQUE (incident_id, incident_seq)
);

-- Read model of the incident list; rebuilt from the log when needed.
CREATE TABLE incidents (
  id           TEXT PRIMARY KEY,
  severity     TEXT    NOT NULL,
  status       TEXT    NOT NULL,
  is_open      INTEGER NOT NULL,
  summary      TEXT    NOT NULL,
  visibility   TEXT    NOT NULL,
  participants TEXT    NOT NULL,  -- ",alice,bob," for membership tests
  declared_at  INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  last_seq     INTEGER NOT NULL
);
CREATE INDEX incidents_by_declared ON incidents (declared_at DESC, id DESC);
CREATE INDEX incidents_open ON incidents (is_open, declared_at DESC);

-- Per-day counters for INC-YYYY-MM-DD-NNN ids.
CREATE TABLE incident_counters (
  day  TEXT PRIMARY KEY,
  last INTEGER NOT NULL
);

CREATE TABLE users (
  handle      TEXT PRIMARY KEY,
  name        TEXT    NOT NULL,
  email       TEXT    NOT NULL,
  chat_handle TEXT    NOT NULL,
  permission  TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);

-- API tokens are stored only as SHA-256 digests of the 256-bit secret.
CREATE TABLE api_tokens (
  digest     BLOB PRIMARY KEY,
  handle     TEXT    NOT NULL REFERENCES users (handle),
  label      TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
