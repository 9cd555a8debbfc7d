// Simulated time in the memory twin.
#include "store/memory/memory_tx.hpp"

namespace warroom::store::memory {

Result<std::optional<TimePoint>> MemoryTx::SimulatedNow() { return t_.simulated_now; }

Result<TimePoint> MemoryTx::AdvanceSimulatedNow(TimePoint to) {
  if (!t_.simulated_now || *t_.simulated_now < to) t_.simulated_now = to;
  return *t_.simulated_now;
}

}  // namespace warroom::store::memory
