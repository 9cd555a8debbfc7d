#include "http/token_bucket.hpp"

#include <algorithm>

namespace warroom::http {

void TokenBucket::Refill(Clock::time_point now) {
  if (now <= last_) return;  // a clock that did not move (or another thread's older reading)
  std::chrono::duration<double> elapsed = now - last_;
  tokens_ = std::min(burst_, tokens_ + elapsed.count() * rate_);
  last_ = now;
}

TokenBucket::Clock::duration TokenBucket::Take(Clock::time_point now) {
  Refill(now);
  if (tokens_ >= 1.0) {
    tokens_ -= 1.0;
    return Clock::duration::zero();
  }
  std::chrono::duration<double> wait((1.0 - tokens_) / rate_);
  return std::max(Clock::duration(1), std::chrono::ceil<Clock::duration>(wait));
}

bool TokenBucket::Full(Clock::time_point now) const {
  std::chrono::duration<double> elapsed = now > last_ ? now - last_ : Clock::duration::zero();
  return tokens_ + elapsed.count() * rate_ >= burst_;
}

}  // namespace warroom::http
