#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "store/store.hpp"

namespace warroom::engine {

// Keeps this instance's claim to the background lease of a database several
// instances share (store/leases.hpp), on a thread of its own so a slow
// module never delays a renewal.
//
// Every `renew_every` it takes or renews the lease for `ttl`. It counts as
// held from a renewal that succeeded until half the ttl after it: a holder
// that cannot renew (the database unreachable, the process paused) stops
// its modules well before another instance can take over at the expiry.
// `on_change(held, epoch)` is called on the keeper's thread each time that
// changes. Stop gives the lease up when held, so another instance takes
// over at once.
class LeaseKeeper {
 public:
  struct Options {
    std::string name = "background";
    std::chrono::milliseconds ttl{10000};
    std::chrono::milliseconds renew_every{3000};
  };
  struct Status {
    std::string holder;  // as the last answer said ("" before the first)
    std::int64_t epoch = 0;
    bool held = false;  // by this instance, now
  };

  LeaseKeeper(store::Store& store, std::string instance, Options options,
              std::function<void(bool held, std::int64_t epoch)> on_change);
  ~LeaseKeeper();
  LeaseKeeper(const LeaseKeeper&) = delete;
  LeaseKeeper& operator=(const LeaseKeeper&) = delete;

  // Starts the thread and waits (up to the renewal interval) for the first
  // answer, so status() names the holder from the start.
  void Start();
  void Stop();
  Status status() const;
  // Held at this instant: the last renewal that held was less than half the
  // ttl ago, by the steady clock, whatever the keeper's thread has noticed
  // (a process resumed after a pause sees false at once). Cheap; for the
  // dispatcher to ask before each send.
  bool HeldNow() const;
  const std::string& instance() const { return instance_; }
  const Options& options() const { return options_; }

 private:
  using Steady = std::chrono::steady_clock;
  void Loop();
  void Set(bool held, std::int64_t epoch);

  store::Store& store_;
  const std::string instance_;
  const Options options_;
  std::function<void(bool, std::int64_t)> on_change_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool answered_ = false;
  std::optional<Steady::time_point> renewed_at_;  // the last renewal that held
  Status status_;
  std::thread thread_;
};

}  // namespace warroom::engine
