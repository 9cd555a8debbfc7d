#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_set>
#include <vector>

#include "base/clock.hpp"
#include "engine/channel.hpp"
#include "engine/delivery_policy.hpp"
#include "engine/incident_service.hpp"
#include "engine/module.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// Module: delivers the outbox. A tick claims what is due (each message with
// a lease, as many as the delivery workers can take) and hands it to them;
// a worker delivers through the destination's channel and records the
// attempt and a final outcome (delivered, dead-lettered, unknown) on the
// incident's timeline, in one write, without waiting for it before its next
// delivery, so the records of several deliveries share a group commit. The
// outcome is never durable without its attempt. When half the claimed
// messages are done the workers wake the module to claim more.
class Dispatcher final : public Module {
 public:
  // `lane`: the outbox lane it delivers (one dispatcher per lane, each with
  // its own workers, so the status page's subscribers never hold up a page).
  Dispatcher(store::Store& store, IncidentService& incidents, std::shared_ptr<const Clock> clock,
             std::map<std::string, Destination> destinations,
             store::OutboxLane lane = store::OutboxLane::kIncidents);
  ~Dispatcher() override;

  std::string_view Name() const override {
    return lane_ == store::OutboxLane::kIncidents ? "dispatcher" : "subscriber dispatcher";
  }

  // Starts the delivery workers. `sole`: this process is the only dispatcher
  // of the store (SQLite), so leases left by a killed process are released at
  // once rather than when they run out.
  void Start(bool sole = true);
  // Releases every pending message's claim, to be claimed again now: at the
  // start of the only dispatcher, and when an instance of a shared database
  // takes the background lease over. The former holder is fenced by then
  // (its writes check the epoch) and stopped sending when it could no
  // longer renew; waiting for its claims to run out instead would, on
  // simulated time, wait until someone moves the clock.
  void ReleaseClaims();
  // Asked before each delivery: false (this instance no longer holds the
  // background lease of a shared database) drops the job unsent; its claim
  // runs out and the holder delivers it. Set before Start.
  void SetSendGate(std::function<bool()> gate) { send_gate_ = std::move(gate); }
  // How long a claim keeps a message from other claims (default
  // delivery::kLease). On a shared database, shorter than the background
  // lease: what a dead holder had claimed is free again by the time another
  // instance can take over. Set before Start.
  void SetClaimLease(std::chrono::microseconds lease) { claim_lease_ = lease; }
  // Lets each worker finish the delivery in hand and waits until every
  // record under way is written. Messages claimed but not begun stay leased
  // (released at the next start). Stop the runner first.
  void Stop();

  // Claims what is due at `now` and hands it to the workers; answers when
  // the next message falls due (or when woken, when the workers are full),
  // within kMaxIdle of real time for leases that ran out. The store's error
  // when the claim fails.
  Result<NextTick> Tick(TimePoint now) override;

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
  // One message, or a burst to one rate-limited destination delivered as one.
  using Job = std::vector<store::OutboxMessage>;
  bool Coalescible(const store::OutboxMessage& m) const;
  std::vector<Job> Group(std::vector<store::OutboxMessage> claimed) const;
  // Moves every queued coalescible message for `destination` into `job`.
  void TakeQueuedFor(const std::string& destination, Job& job);
  void Work();
  void Run(Job job);
  DeliveryResult Send(const store::OutboxMessage& m);
  // An attempt to record: its row, its verdict and the message's error.
  struct Attempt {
    store::OutboxAttempt row;
    AttemptVerdict verdict;
    std::string error;
  };
  // Records the attempt and its outcome: together in one write when the
  // outcome is final and goes on an incident's timeline, otherwise the
  // attempt first and then (once durable) the link and the outcome.
  void Finish(const store::OutboxMessage& m, const DeliveryResult& r, TimePoint started);
  void FinishTogether(const store::OutboxMessage& m, const DeliveryResult& r, const Attempt& a);
  void FinishApart(const store::OutboxMessage& m, const DeliveryResult& r, const Attempt& a);
  static core::commands::RecordMessageOutcome OutcomeCommand(const store::OutboxMessage& m,
                                                             const DeliveryResult& r,
                                                             const AttemptVerdict& v);
  void RecordOutcome(const store::OutboxMessage& m, const DeliveryResult& r,
                     const AttemptVerdict& v);
  // Claimed messages are done with (their records written, or given up on);
  // `rescheduled`: one went back to pending, due maybe before the next tick.
  void Done(std::size_t n, bool rescheduled = false);
  // The message's attempt is recorded (or could not be): no longer held.
  void Release(std::int64_t id);
  // Blocks until the destination's rate allows one more message.
  void Throttle(const std::string& destination);

  store::Store& store_;
  IncidentService& incidents_;
  std::shared_ptr<const Clock> clock_;
  const store::OutboxLane lane_;
  std::chrono::microseconds claim_lease_ =
      std::chrono::duration_cast<std::chrono::microseconds>(delivery::kLease);
  std::function<bool()> send_gate_;
  std::map<std::string, Destination> destinations_;
  std::mutex mu_;
  std::condition_variable cv_;       // workers: a job, or stop
  std::condition_variable idle_cv_;  // Stop: every record written
  bool stop_ = false;
  std::deque<Job> jobs_;
  std::size_t outstanding_ = 0;  // claimed messages not yet done with
  // The ids of those messages until their attempt is recorded: a claim that
  // finds one again (its lease ran out while it was being delivered here,
  // or simulated time moved past the lease) does not deliver it twice.
  std::unordered_set<std::int64_t> held_;
  std::vector<std::thread> workers_;
  std::mutex rate_mu_;
  std::map<std::string, std::chrono::steady_clock::time_point> next_slot_;
  std::mutex rng_mu_;
  std::mt19937_64 rng_{std::random_device{}()};
  std::atomic<std::uint64_t> delivered_{0};
};

}  // namespace warroom::engine
