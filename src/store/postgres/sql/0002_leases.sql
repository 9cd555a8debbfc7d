-- Which instance runs the background modules (store/leases.hpp): one row
-- per lease, its expiry on the database's own clock (microseconds since the
-- epoch, like every time here).
CREATE TABLE leases (
  name       text PRIMARY KEY,
  holder     text   NOT NULL,
  epoch      bigint NOT NULL,
  expires_at bigint NOT NULL
);
