-- Answers kept under clients' Idempotency-Keys (store/requests.hpp), written
-- in the transaction of what each request changed, forgotten after a day.
CREATE TABLE requests (
  caller       TEXT    NOT NULL,
  key          TEXT    NOT NULL,
  method       TEXT    NOT NULL,
  path         TEXT    NOT NULL,
  body_digest  BLOB    NOT NULL,
  status       INTEGER NOT NULL,
  content_type TEXT    NOT NULL,
  answer       BLOB    NOT NULL,
  at           INTEGER NOT NULL,
  PRIMARY KEY (caller, key)
);
CREATE INDEX requests_at ON requests (at);
