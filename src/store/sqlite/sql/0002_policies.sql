-- Every policy version the server has run under, so an incident's clocks are
-- always computed under the policy it was declared with.
CREATE TABLE policies (
  version     TEXT PRIMARY KEY,
  yaml        TEXT    NOT NULL,
  recorded_at INTEGER NOT NULL
);
