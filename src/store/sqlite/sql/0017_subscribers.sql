-- The public status page's subscribers (store/subscribers.hpp): email
-- addresses and webhooks told of incidents and maintenance, their one-time
-- tokens (confirming, leaving) stored only as SHA-256 digests, and the
-- subscription requests counted per client (the abuse bound).
--
-- components: the component ids subscribed to, comma-separated with a comma
-- at each end (",api,web,"; "," for every component), as incidents'
-- participants are, so one component's subscribers are a LIKE '%,api,%'
-- away (store/subscriber_rows.hpp). Ids are [a-z0-9_-]: no comma to escape.
-- Unsubscribed rows stay (the address is not asked again for a day; the
-- admin list shows who left when); only an admin's erasure deletes one.
CREATE TABLE status_page_subscribers (
  id                        INTEGER PRIMARY KEY,
  channel                   TEXT    NOT NULL,  -- email, webhook
  address                   TEXT    NOT NULL,  -- the lower-cased address or the https URL
  components                TEXT    NOT NULL,
  state                     TEXT    NOT NULL,  -- pending, confirmed, unsubscribed
  created_at                INTEGER NOT NULL,
  confirmed_at              INTEGER,
  unsubscribed_at           INTEGER,
  confirmation_requested_at INTEGER,
  client                    TEXT    NOT NULL,
  UNIQUE (channel, address)
);
-- The confirmed subscribers a notice goes to, paged in id order, and the
-- counts by state.
CREATE INDEX status_page_subscribers_by_state ON status_page_subscribers (state, id);

-- A token goes with its subscriber (an admin's erasure leaves none behind).
CREATE TABLE status_page_subscriber_tokens (
  digest        BLOB PRIMARY KEY,
  subscriber_id INTEGER NOT NULL REFERENCES status_page_subscribers (id) ON DELETE CASCADE,
  purpose       TEXT    NOT NULL,  -- confirm, unsubscribe
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  used_at       INTEGER
);
-- The cascade finds a subscriber's tokens by it.
CREATE INDEX status_page_subscriber_tokens_by_subscriber
  ON status_page_subscriber_tokens (subscriber_id);

-- One row per subscription request under a key (a client's address); a
-- key's rows older than its window go when it asks again.
CREATE TABLE subscribe_requests (
  key TEXT    NOT NULL,
  at  INTEGER NOT NULL
);
CREATE INDEX subscribe_requests_by_key ON subscribe_requests (key, at);
