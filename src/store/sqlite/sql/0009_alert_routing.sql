-- Where each alert went: joined an incident, waits for triage, dismissed by a
-- responder, or recorded only (an `attach` route with no incident to join).
ALTER TABLE alerts ADD COLUMN disposition TEXT NOT NULL DEFAULT 'triage';
ALTER TABLE alerts ADD COLUMN route TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN triaged_by TEXT;
ALTER TABLE alerts ADD COLUMN triaged_at INTEGER;
ALTER TABLE alerts ADD COLUMN triage_note TEXT NOT NULL DEFAULT '';  -- why, as the responder said
CREATE INDEX alerts_incident ON alerts (incident_id, status) WHERE incident_id IS NOT NULL;
CREATE INDEX alerts_disposition ON alerts (disposition, last_seen DESC);

-- When each integration's sender last reached warroom: is it connected?
ALTER TABLE integrations ADD COLUMN last_report_at INTEGER;
ALTER TABLE integrations ADD COLUMN reports INTEGER NOT NULL DEFAULT 0;

-- Which incidents hold an alert group (a projection of the
-- alert_group_attached events): the next alert of the group joins the newest.
CREATE TABLE alert_group_holders (
  integration TEXT    NOT NULL,
  group_key   TEXT    NOT NULL,
  incident_id TEXT    NOT NULL,
  attached_at INTEGER NOT NULL,
  PRIMARY KEY (integration, group_key, incident_id)
);
