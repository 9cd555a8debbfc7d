#pragma once

#include <chrono>

namespace warroom::http {

// A token bucket: `rate` tokens a second, holding at most `burst`; a request
// takes one. Pure (the caller passes the time), not thread-safe (the client
// table locks around it).
class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;

  TokenBucket(double rate, double burst, Clock::time_point now)
      : rate_(rate), burst_(burst), tokens_(burst), last_(now) {}

  // Takes a token. Zero when one was there; otherwise nothing is taken and
  // the answer is how long until one will be (for Retry-After).
  Clock::duration Take(Clock::time_point now);
  // True when the bucket is full at `now`: it is then no different from a new
  // one and may be forgotten.
  bool Full(Clock::time_point now) const;

 private:
  void Refill(Clock::time_point now);

  double rate_;
  double burst_;
  double tokens_;
  Clock::time_point last_;
};

}  // namespace warroom::http
