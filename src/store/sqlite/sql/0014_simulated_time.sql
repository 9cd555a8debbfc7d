-- Simulated time (store/simulated_time.hpp): one row, moved forward only.
CREATE TABLE simulated_time (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  now_us INTEGER NOT NULL
);
