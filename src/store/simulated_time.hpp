#pragma once

#include <optional>

#include "base/result.hpp"
#include "base/time.hpp"

namespace warroom::store {

// Simulated time (`--clock simulated:…`, for tests and drills) kept in the
// database, so every instance on it shares one clock and a restart goes on
// where time stood. It only moves forward.
class SimulatedTimeReads {
 public:
  virtual ~SimulatedTimeReads() = default;
  // The simulated time, or nullopt when none was ever kept.
  virtual Result<std::optional<TimePoint>> SimulatedNow() = 0;
};

class SimulatedTimeWrites {
 public:
  virtual ~SimulatedTimeWrites() = default;
  // Keeps `to` when it is later than the time kept (or none is): time never
  // goes back. Answers the time kept afterwards.
  virtual Result<TimePoint> AdvanceSimulatedNow(TimePoint to) = 0;
};

}  // namespace warroom::store
