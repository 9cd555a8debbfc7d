-- Scoped API tokens with a public id, an optional expiry and when each was
-- last used; users who can be disabled. api_tokens is rebuilt to get an
-- INTEGER PRIMARY KEY (a stable public id: VACUUM may renumber a plain rowid).
-- Existing tokens keep what they could do: scope = their user's permission,
-- no expiry.
CREATE TABLE api_tokens_v2 (
  id           INTEGER PRIMARY KEY,
  digest       BLOB    NOT NULL UNIQUE,
  handle       TEXT    NOT NULL REFERENCES users (handle),
  label        TEXT    NOT NULL,
  scope        TEXT    NOT NULL,  -- read, respond, admin
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER,
  last_used_at INTEGER,
  revoked_at   INTEGER
);
INSERT INTO api_tokens_v2 (digest, handle, label, scope, created_at, revoked_at)
  SELECT t.digest, t.handle, t.label,
         CASE u.permission WHEN 'admin' THEN 'admin' WHEN 'responder' THEN 'respond' ELSE 'read' END,
         t.created_at, t.revoked_at
  FROM api_tokens t JOIN users u ON u.handle = t.handle
  ORDER BY t.created_at, t.rowid;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_v2 RENAME TO api_tokens;
CREATE INDEX api_tokens_by_handle ON api_tokens (handle, id);

ALTER TABLE users ADD COLUMN disabled_at INTEGER;
