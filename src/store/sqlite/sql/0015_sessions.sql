-- Signing in from a browser (store/sessions.hpp): users' passwords (argon2id
-- hashes in the PHC format; '' for none), sessions whose cookie secrets are
-- stored only as SHA-256 digests, one-time sign-in links, and the failed
-- sign-ins that slow the next attempts.
ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';

CREATE TABLE web_sessions (
  id           INTEGER PRIMARY KEY,
  digest       BLOB    NOT NULL UNIQUE,
  handle       TEXT    NOT NULL REFERENCES users (handle),
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  revoked_at   INTEGER,
  client       TEXT    NOT NULL,
  user_agent   TEXT    NOT NULL
);
CREATE INDEX web_sessions_by_handle ON web_sessions (handle, id);

CREATE TABLE sign_in_links (
  digest     BLOB PRIMARY KEY,
  handle     TEXT    NOT NULL REFERENCES users (handle),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
);

CREATE TABLE sign_in_failures (
  key            TEXT PRIMARY KEY,
  failures       INTEGER NOT NULL,
  last_failed_at INTEGER NOT NULL
);
