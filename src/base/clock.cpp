#include "base/clock.hpp"

namespace warroom {

TimePoint SystemClock::Now() const {
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

Result<std::shared_ptr<Clock>> MakeClock(std::string_view spec) {
  if (spec.empty() || spec == "system") return std::shared_ptr<Clock>(new SystemClock());
  constexpr std::string_view kSimulated = "simulated:";
  if (spec.substr(0, kSimulated.size()) == kSimulated) {
    WARROOM_ASSIGN_OR_RETURN(TimePoint start, ParseTime(spec.substr(kSimulated.size())));
    return std::shared_ptr<Clock>(new SimulatedClock(start));
  }
  return Error::InvalidArgument("unknown clock '" + std::string(spec) +
                                "': use 'system' or 'simulated:2026-02-12T14:00:00Z'");
}

}  // namespace warroom
