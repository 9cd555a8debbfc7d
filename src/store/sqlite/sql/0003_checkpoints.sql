-- The head of every incident's chain, kept with each append, so a
-- checkpoint reads them without scanning the log.
CREATE TABLE chain_heads (
  incident_id  TEXT PRIMARY KEY,
  incident_seq INTEGER NOT NULL,
  hash         BLOB    NOT NULL
);
INSERT INTO chain_heads (incident_id, incident_seq, hash)
  SELECT e.incident_id, e.incident_seq, e.hash FROM events e
  WHERE e.incident_seq = (SELECT max(incident_seq) FROM events x WHERE x.incident_id = e.incident_id);

-- Signed checkpoints of every chain head (Ed25519; the key lives outside the
-- database). An edited, deleted or recomputed history no longer matches them.
CREATE TABLE checkpoints (
  id           INTEGER PRIMARY KEY,
  global_seq   INTEGER NOT NULL,  -- the log up to and including this event
  created_at   INTEGER NOT NULL,
  heads_digest BLOB    NOT NULL,
  public_key   BLOB    NOT NULL,
  signature    BLOB    NOT NULL
);
