#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "base/clock.hpp"
#include "engine/module_runner.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// Simulated time on a database several instances share is the database's
// (store/simulated_time.hpp): an instance that advances it keeps the new
// time there, and every other instance follows. Every `every` of real time
// this reads the time kept and, when it is ahead of this instance's clock,
// catches up through the module runner: on the background holder that
// runs what falls due on the way, at its due time; elsewhere it only moves
// the clock. (The change notifications will make this sooner; this bounds
// it.)
class SimulatedTimeFollower {
 public:
  SimulatedTimeFollower(store::Store& store, std::shared_ptr<Clock> clock, ModuleRunner& modules,
                        std::chrono::milliseconds every = std::chrono::milliseconds(100))
      : store_(store), clock_(std::move(clock)), modules_(modules), every_(every) {}
  ~SimulatedTimeFollower() { Stop(); }
  SimulatedTimeFollower(const SimulatedTimeFollower&) = delete;
  SimulatedTimeFollower& operator=(const SimulatedTimeFollower&) = delete;

  void Start();
  void Stop();
  // Reads the time kept once and catches up with it; answers when done.
  Outcome CatchUp();
  // Looks again at once (another instance announced a new time).
  void Wake();

 private:
  void Loop();

  store::Store& store_;
  std::shared_ptr<Clock> clock_;
  ModuleRunner& modules_;
  std::chrono::milliseconds every_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace warroom::engine
