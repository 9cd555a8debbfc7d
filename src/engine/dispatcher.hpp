#pragma once

#include <condition_variable>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "base/clock.hpp"
#include "engine/channel.hpp"
#include "engine/incident_service.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// Delivery tuning, in one place.
namespace delivery {
// The first retry waits about this long; each further one twice as long...
inline constexpr auto kBackoffBase = std::chrono::seconds(1);
// ...up to this.
inline constexpr auto kBackoffCap = std::chrono::minutes(5);
// A claimed message is leased this long: a dispatcher that dies mid-delivery
// gives it back when the lease runs out.
inline constexpr auto kLease = std::chrono::minutes(2);
// Messages one worker claims at a time.
inline constexpr int kClaimBatch = 8;
// Worker threads delivering in parallel (each blocks on one delivery).
inline constexpr int kWorkers = 4;
// The longest a worker sleeps before looking again (leases that ran out).
inline constexpr auto kMaxIdle = std::chrono::seconds(5);
}  // namespace delivery

// The wait before attempt `attempt + 1` after a failed attempt `attempt`
// (1-based): exponential with full jitter in [half, whole], never less than
// the receiver's Retry-After.
Duration Backoff(int attempt, std::optional<Duration> retry_after, std::mt19937_64& rng);

// Background module: delivers the outbox. Each message is claimed with a
// lease, delivered through its destination's channel, and its attempt kept
// with it; a final outcome (delivered, dead-lettered, unknown) is recorded on
// the incident's timeline.
class Dispatcher {
 public:
  Dispatcher(store::Store& store, IncidentService& incidents, std::shared_ptr<const Clock> clock,
             std::map<std::string, Destination> destinations);
  ~Dispatcher();

  // `sole`: this process is the only dispatcher of the store (SQLite), so
  // leases left by a killed process are released at once rather than when
  // they run out.
  void Start(bool sole = true);
  void Stop();
  // Something may be due now (a commit wrote messages, or time moved).
  void Wake();

  // Claims and delivers what is due, once; returns the attempts made.
  int RunOnce();

  std::uint64_t delivered() const { return delivered_.load(); }

  // The outbox as an operator sees it (admins).
  void List(const Caller& caller, store::OutboxFilter f,
            std::function<void(Result<std::vector<store::OutboxMessage>>)> done);
  void Attempts(const Caller& caller, std::int64_t id,
                std::function<void(
                    Result<std::pair<store::OutboxMessage, std::vector<store::OutboxAttempt>>>)>
                    done);
  // Puts a dead or unknown message back in the queue, due now.
  void Retry(const Caller& caller, std::int64_t id,
             std::function<void(Result<store::OutboxMessage>)> done);

 private:
  void Loop();
  void Deliver(const store::OutboxMessage& m);
  // One delivery for several messages to one rate-limited destination.
  void DeliverTogether(const std::vector<store::OutboxMessage>& burst);
  void Finish(const store::OutboxMessage& m, const DeliveryResult& r, TimePoint started);
  // Blocks until the destination's rate allows one more message.
  void Throttle(const std::string& destination);

  store::Store& store_;
  IncidentService& incidents_;
  std::shared_ptr<const Clock> clock_;
  std::map<std::string, Destination> destinations_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::uint64_t wakes_ = 0;
  std::vector<std::thread> workers_;
  std::mutex rate_mu_;
  std::map<std::string, std::chrono::steady_clock::time_point> next_slot_;
  std::mutex rng_mu_;
  std::mt19937_64 rng_{std::random_device{}()};
  std::atomic<std::uint64_t> delivered_{0};
};

}  // namespace warroom::engine
