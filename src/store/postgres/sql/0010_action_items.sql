-- Action items (store/action_items.hpp): the PIR's preventive actions across
-- incidents, a read model written with the events that add and change them.
-- SQLite's 0019_action_items.sql, column for column.
--
-- due and last_reminded_day: calendar days as YYYY-MM-DD text, which sorts
-- as the days do ('' when never reminded).
CREATE TABLE action_items (
  incident_id       text    NOT NULL,
  item_id           bigint  NOT NULL,
  title             text    NOT NULL,
  owner             text    NOT NULL,
  due               text    NOT NULL,
  priority          text    NOT NULL,
  status            text    NOT NULL,
  is_open           boolean NOT NULL,
  reason            text    NOT NULL,
  tracker_url       text    NOT NULL,
  created_by        text    NOT NULL,
  created_at        bigint  NOT NULL,
  updated_at        bigint  NOT NULL,
  done_at           bigint,
  reminders         integer NOT NULL,
  last_reminded_day text    NOT NULL,
  PRIMARY KEY (incident_id, item_id)
);
CREATE INDEX action_items_open_due ON action_items (is_open, due);
CREATE INDEX action_items_owner ON action_items (owner, is_open, due);
