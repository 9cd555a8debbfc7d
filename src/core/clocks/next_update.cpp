#include "core/clocks/next_update.hpp"

namespace warroom::core {

TimePoint AnnouncedNextUpdate(TimePoint deadline) {
  return std::chrono::floor<std::chrono::minutes>(
      std::chrono::floor<std::chrono::duration<long, std::ratio<900>>>(deadline));
}

}  // namespace warroom::core
