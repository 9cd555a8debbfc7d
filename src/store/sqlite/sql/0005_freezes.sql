-- Code freezes the IC declared, for GET /api/v1/freezes (deploy pipelines).
ALTER TABLE incidents ADD COLUMN frozen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN freeze_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN freeze_since INTEGER NOT NULL DEFAULT 0;
CREATE INDEX incidents_frozen ON incidents (frozen) WHERE frozen = 1;
