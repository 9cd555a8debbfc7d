#pragma once

#include <optional>
#include <random>
#include <string>

#include "base/time.hpp"
#include "engine/channel.hpp"
#include "store/records.hpp"

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
// Messages claimed per worker: the dispatcher holds at most kWorkers ×
// kClaimBatch claimed messages, and claims more when half are done.
inline constexpr int kClaimBatch = 32;
// Worker threads delivering in parallel (each blocks on one delivery).
inline constexpr int kWorkers = 4;
// The longest the dispatcher sleeps before looking again (leases that ran out).
inline constexpr auto kMaxIdle = std::chrono::seconds(5);
// Attempts of a destination that sets none.
inline constexpr int kDefaultMaxAttempts = 8;
}  // namespace delivery

// The wait before attempt `attempt + 1` after a failed attempt `attempt`
// (1-based): exponential with full jitter in [half, whole], never less than
// the receiver's Retry-After.
Duration Backoff(int attempt, std::optional<Duration> retry_after, std::mt19937_64& rng);

// What one attempt's result makes of its message.
struct AttemptVerdict {
  int attempt = 0;                                                // this attempt's number, 1-based
  store::OutboxState state = store::OutboxState::kPending;        // the message's new state
  store::AttemptOutcome outcome = store::AttemptOutcome::kRetry;  // the attempt's
  TimePoint next_attempt;  // when a pending message is tried again
  bool final() const { return state != store::OutboxState::kPending; }
};

// The retry policy: delivered is final; a refusal for good dead-letters at
// once; a retry waits Backoff (or Retry-After) until `max_attempts`, then
// dead-letters; an unknown outcome is final, except for a message that
// retries on unknown (pages: a duplicate page is better than a lost one),
// which retries like a failure.
AttemptVerdict Judge(const store::OutboxMessage& m, const DeliveryResult& r, int max_attempts,
                     TimePoint now, std::mt19937_64& rng);

}  // namespace warroom::engine
