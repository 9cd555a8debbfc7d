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
  AttemptVerdict v{m.attempts + 1, "pending", "", now};
  O o = r.outcome;
  // A page whose fate is unknown is sent again (with its idempotency key): a
  // duplicate page is better than a lost one. A customer message is not.
  if (o == O::kUnknown && m.retry_on_unknown) o = O::kRetry;
  switch (o) {
    case O::kDelivered:
      v.state = "delivered";
      v.outcome = "delivered";
      break;
    case O::kFailed:
      v.state = "dead";
      v.outcome = "failed";
      break;
    case O::kUnknown:
      v.state = "unknown";
      v.outcome = "unknown";
      break;
    case O::kRetry:
      v.outcome = "retry";
      if (v.attempt >= max_attempts) {
        v.state = "dead";
      } else {
        v.next_attempt = now + Backoff(v.attempt, r.retry_after, rng);
      }
      break;
  }
  return v;
}

}  // namespace warroom::engine
