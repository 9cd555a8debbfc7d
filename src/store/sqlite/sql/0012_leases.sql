-- Which instance runs the background modules (store/leases.hpp). One
-- process writes a SQLite file, so its lease is always its own; the table
-- keeps the stores alike (and `warroom migrate` copies it).
CREATE TABLE leases (
  name       TEXT PRIMARY KEY,
  holder     TEXT    NOT NULL,
  epoch      INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
