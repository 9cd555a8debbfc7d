-- People's contact points: a Slack member id for direct messages and a phone
-- number (for an SMS channel to come).
ALTER TABLE users ADD COLUMN slack_member_id TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN phone TEXT NOT NULL DEFAULT '';
