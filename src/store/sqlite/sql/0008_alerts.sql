-- Alert sources: each integration has its own API key, stored as a digest.
CREATE TABLE integrations (
  name       TEXT PRIMARY KEY,
  type       TEXT    NOT NULL,  -- alertmanager, grafana, pagerduty, generic
  key_digest BLOB    NOT NULL UNIQUE,
  enabled    INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  rotated_at INTEGER
);

-- An alert is one firing of one thing: (integration, key, start time). A
-- repeat updates its row (count, last seen); it never adds a second alert.
CREATE TABLE alerts (
  id          INTEGER PRIMARY KEY,
  integration TEXT    NOT NULL,
  alert_key   TEXT    NOT NULL,  -- fingerprint or dedup_key
  starts_at   INTEGER NOT NULL,
  status      TEXT    NOT NULL,  -- firing, resolved, acknowledged
  group_key   TEXT    NOT NULL,
  summary     TEXT    NOT NULL,
  labels      TEXT    NOT NULL,  -- JSON object
  annotations TEXT    NOT NULL,  -- JSON object
  source_url  TEXT    NOT NULL,
  first_seen  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  ends_at     INTEGER,
  fire_count  INTEGER NOT NULL DEFAULT 1,
  incident_id TEXT,
  UNIQUE (integration, alert_key, starts_at)
);
CREATE INDEX alerts_status ON alerts (status, last_seen DESC);
CREATE INDEX alerts_group ON alerts (integration, group_key);
