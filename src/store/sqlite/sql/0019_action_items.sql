-- Action items (store/action_items.hpp): the PIR's preventive actions across
-- incidents, a read model written with the events that add and change them
-- (the incident's state holds the same items; this answers "what is overdue",
-- "what does alice owe" without reading every incident). Rebuildable from
-- the log.
--
-- due and last_reminded_day: calendar days as YYYY-MM-DD text, which sorts
-- as the days do ('' when never reminded).
CREATE TABLE action_items (
  incident_id       TEXT    NOT NULL,
  item_id           INTEGER NOT NULL,
  title             TEXT    NOT NULL,
  owner             TEXT    NOT NULL,
  due               TEXT    NOT NULL,
  priority          TEXT    NOT NULL,
  status            TEXT    NOT NULL,
  is_open           INTEGER NOT NULL,
  reason            TEXT    NOT NULL,
  tracker_url       TEXT    NOT NULL,
  created_by        TEXT    NOT NULL,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  done_at           INTEGER,
  reminders         INTEGER NOT NULL,
  last_reminded_day TEXT    NOT NULL,
  PRIMARY KEY (incident_id, item_id)
);
CREATE INDEX action_items_open_due ON action_items (is_open, due);
CREATE INDEX action_items_owner ON action_items (owner, is_open, due);
