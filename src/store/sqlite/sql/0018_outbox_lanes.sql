-- The outbox's lanes (store/outbox_kind.hpp OutboxLane), each claimed by a
-- dispatcher of its own, so a notice to thousands of the status page's
-- subscribers never delays a page. Stored from the message's kind
-- (OutboxLaneName(LaneOf(kind))); every message before this was the
-- incidents'.
ALTER TABLE outbox ADD COLUMN lane TEXT NOT NULL DEFAULT 'incidents';
-- A lane's claims and its next due time. outbox_due (state,
-- next_attempt_at) stays: the admin's list by state (ListOutbox without a
-- lane) and the release of leases at start-up filter by state alone.
CREATE INDEX outbox_lane_due ON outbox (lane, state, next_attempt_at);
