#include "engine/simulated_time_follower.hpp"

#include <spdlog/spdlog.h>
#include <future>

namespace warroom::engine {

void SimulatedTimeFollower::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable() || stop_) return;
  thread_ = std::thread([this] { Loop(); });
}

void SimulatedTimeFollower::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SimulatedTimeFollower::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

Outcome SimulatedTimeFollower::CatchUp() {
  std::optional<TimePoint> kept;
  WARROOM_RETURN_IF_ERROR(store_.ReadSync([&](store::ReadTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(kept, tx.SimulatedNow());
    return Success();
  }));
  if (!kept || *kept <= clock_->Now()) return Success();
  std::promise<Result<TimePoint>> moved;
  modules_.AdvanceTo(*kept, [&moved](Result<TimePoint> r) { moved.set_value(std::move(r)); });
  Result<TimePoint> r = moved.get_future().get();
  if (!r.ok()) return r.error();
  return Success();
}

void SimulatedTimeFollower::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    if (auto r = CatchUp(); !r.ok())
      spdlog::warn("simulated time: cannot follow the database's: {} (trying again)",
                   r.error().message);
    lock.lock();
    cv_.wait_for(lock, every_, [this] { return stop_ || woken_; });
    woken_ = false;
  }
}

}  // namespace warroom::engine
