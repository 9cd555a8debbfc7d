#pragma once

#include "base/clock.hpp"
#include "engine/module.hpp"
#include "store/checkpoint.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// Module: signs a checkpoint of every chain head when the log has grown
// since the last one. It runs every `interval` of real time, whatever the
// clock (how far a signed head may lag the log is a real-world matter, and
// an Advance of simulated time does not stop for it); cheap when nothing
// changed.
class Checkpointer final : public Module {
 public:
  static constexpr std::chrono::seconds kInterval{10};

  Checkpointer(store::Store& store, const Clock& clock, store::SigningKey key,
               std::chrono::steady_clock::duration interval = kInterval)
      : store_(store), clock_(clock), key_(std::move(key)), interval_(interval) {}

  std::string_view Name() const override { return "checkpointer"; }

  // Checkpoints (see Checkpoint) and asks to run again within the interval;
  // the store's error when the write fails (the runner retries).
  Result<NextTick> Tick(TimePoint now) override;

  // Writes a checkpoint if there are events no checkpoint covers yet; waits
  // for the write. Returns the checkpoint's global_seq (0 when none was
  // needed). Also called once more on shutdown, after the runner stopped.
  Result<std::int64_t> Checkpoint();

 private:
  store::Store& store_;
  const Clock& clock_;
  store::SigningKey key_;
  std::chrono::steady_clock::duration interval_;
};

}  // namespace warroom::engine
