-- A message to one person: the address on their contact point (an email
-- address, a Slack member id); empty for a destination's own address.
ALTER TABLE outbox ADD COLUMN recipient TEXT NOT NULL DEFAULT '';
