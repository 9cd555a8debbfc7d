-- Answers kept under clients' Idempotency-Keys (store/requests.hpp), written
-- in the transaction of what each request changed, forgotten after a day.
CREATE TABLE requests (
  caller       text    NOT NULL,
  key          text    NOT NULL,
  method       text    NOT NULL,
  path         text    NOT NULL,
  body_digest  bytea   NOT NULL,
  status       integer NOT NULL,
  content_type text    NOT NULL,
  answer       bytea   NOT NULL,
  at           bigint  NOT NULL,
  PRIMARY KEY (caller, key)
);
CREATE INDEX requests_at ON requests (at);
