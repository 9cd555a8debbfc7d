-- Simulated time (store/simulated_time.hpp): one row, moved forward only,
-- shared by every instance of a test or drill.
CREATE TABLE simulated_time (
  id     integer PRIMARY KEY CHECK (id = 1),
  now_us bigint  NOT NULL
);
