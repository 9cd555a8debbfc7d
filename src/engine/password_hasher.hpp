#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/result.hpp"
#include "crypto/password.hpp"

namespace warroom::engine {

// Password hashing and checking on a pool of its own with a bounded queue.
// An argon2id hash costs tens of milliseconds and 64 MiB: run on the
// network or store threads, a burst of sign-ins would starve every other
// request. Here a burst waits in the queue, and past `queue` waiting it is
// refused at once (kResourceExhausted: 503, try again in a moment).
class PasswordHasher {
 public:
  struct Checked {
    bool match = false;
    bool needs_rehash = false;  // matched, but under other costs
  };

  PasswordHasher(crypto::PasswordCost cost, int threads, std::size_t queue);
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  void Hash(std::string password, std::function<void(Result<std::string>)> done);
  // Checks `password` against `stored`. An empty `stored` (no such user, no
  // password set) is checked against a hash made at start, so that the
  // answer takes as long as for a real account and tells nothing of which
  // handles exist.
  void Check(std::string password, std::string stored, std::function<void(Result<Checked>)> done);

  const crypto::PasswordCost& cost() const { return cost_; }

 private:
  void Push(std::function<void()> job, const std::function<void(const Error&)>& refuse);
  void Work();

  const crypto::PasswordCost cost_;
  const std::size_t queue_;
  std::string decoy_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace warroom::engine
