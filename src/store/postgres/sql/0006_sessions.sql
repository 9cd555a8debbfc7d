-- Signing in from a browser (store/sessions.hpp): users' passwords (argon2id
-- hashes in the PHC format; '' for none), sessions whose cookie secrets are
-- stored only as SHA-256 digests, one-time sign-in links, and the failed
-- sign-ins that slow the next attempts.
ALTER TABLE users ADD COLUMN password_hash text NOT NULL DEFAULT '';

CREATE TABLE web_sessions (
  id           bigint PRIMARY KEY,
  digest       bytea   NOT NULL UNIQUE,
  handle       text    NOT NULL REFERENCES users (handle),
  created_at   bigint  NOT NULL,
  last_seen_at bigint  NOT NULL,
  expires_at   bigint  NOT NULL,
  revoked_at   bigint,
  client       text    NOT NULL,
  user_agent   text    NOT NULL
);
CREATE INDEX web_sessions_by_handle ON web_sessions (handle, id);

CREATE TABLE sign_in_links (
  digest     bytea PRIMARY KEY,
  handle     text    NOT NULL REFERENCES users (handle),
  created_at bigint  NOT NULL,
  expires_at bigint  NOT NULL,
  used_at    bigint
);

CREATE TABLE sign_in_failures (
  key            text PRIMARY KEY,
  failures       bigint  NOT NULL,
  last_failed_at bigint  NOT NULL
);
