#include "engine/delivery_policy.hpp"

namespace warroom::engine {

Duration Backoff(int attempt, std::optional<Duration> retry_after, std::mt19937_64& rng) {
  Duration cap = std::chrono::duration_cast<Duration>(delivery::kBackoffCap);
  Duration d = std::chrono::duration_cast<Duration>(delivery::kBackoffBase);
  for (int i = 1; i < attempt && d < cap; ++i) d *= 2;
  d = std::min(d, cap);
  std::uniform_real_distribution<double> jitter(0.5, 1.0);
  d = Duration(static_cast<Duration::rep>(static_cast<double>(d.count()) * jitter(rng)));
  if (retry_after && *retry_after > d) d = *retry_after;
  return d;
}

AttemptVerdict Judge(const store::OutboxMessage& m, const DeliveryResult& r, int max_attempts,
                     TimePoint now, std::mt19937_64& rng) {
  using O = DeliveryResult::Outcome;
  AttemptVerdict v;
  v.attempt = m.attempts + 1;
  v.next_attempt = now;
  using store::AttemptOutcome;
  using store::OutboxState;
  O o = r.outcome;
  // A page whose fate is unknown is sent again (with its idempotency key): a
  // duplicate page is better than a lost one. A customer message is not.
  if (o == O::kUnknown && m.retry_on_unknown) o = O::kRetry;
  switch (o) {
    case O::kDelivered:
      v.state = OutboxState::kDelivered;
      v.outcome = AttemptOutcome::kDelivered;
      break;
    case O::kFailed:
      v.state = OutboxState::kDead;
      v.outcome = AttemptOutcome::kFailed;
      break;
    case O::kUnknown:
      v.state = OutboxState::kUnknown;
      v.outcome = AttemptOutcome::kUnknown;
      break;
    case O::kRetry:
      v.outcome = AttemptOutcome::kRetry;
      if (v.attempt >= max_attempts) {
        v.state = OutboxState::kDead;
      } else {
        v.next_attempt = now + Backoff(v.attempt, r.retry_after, rng);
      }
      break;
  }
  return v;
}

}  // namespace warroom::engine
