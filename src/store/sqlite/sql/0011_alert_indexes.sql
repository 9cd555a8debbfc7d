-- Every repeat of an alert (Alertmanager re-sends whole groups, every few
-- seconds per group) sets its last_seen. An index that holds last_seen is
-- rewritten on each of them: with two (by status and by disposition), an
-- ingest write did three b-tree updates per alert instead of one, and a
-- batch of 100 repeats cost a third more of the single writer's time. Lists
-- filtered by status or disposition still find their rows by index and sort
-- the matches by last_seen; they are read by people, the repeats arrive by
-- the thousand a second.
DROP INDEX alerts_status;
DROP INDEX alerts_disposition;
CREATE INDEX alerts_status ON alerts (status);
CREATE INDEX alerts_disposition ON alerts (disposition);
