#pragma once

#include "base/clock.hpp"
#include "store/checkpoint.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// Background module: signs a checkpoint of every chain head when the log has
// grown since the last one. Tick is cheap when nothing changed.
class Checkpointer {
 public:
  Checkpointer(store::Store& store, const Clock& clock, store::SigningKey key)
      : store_(store), clock_(clock), key_(std::move(key)) {}

  // Writes a checkpoint if there are events no checkpoint covers yet; waits
  // for the write. Returns the checkpoint's global_seq (0 when none was needed).
  Result<std::int64_t> Tick();

 private:
  store::Store& store_;
  const Clock& clock_;
  store::SigningKey key_;
};

}  // namespace warroom::engine
