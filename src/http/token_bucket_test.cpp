#include "http/token_bucket.hpp"

#include <gtest/gtest.h>

namespace warroom::http {
namespace {

using namespace std::chrono_literals;
using Clock = TokenBucket::Clock;

TEST(TokenBucket, AllowsTheBurstThenTheRate) {
  Clock::time_point t0{};
  TokenBucket b(50, 100, t0);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(b.Take(t0), Clock::duration::zero()) << i;
  // Empty: the next token comes in 1/50 s.
  auto wait = b.Take(t0);
  EXPECT_GT(wait, 19ms);
  EXPECT_LE(wait, 20ms);
  // A refused request takes nothing: still empty until then.
  EXPECT_GT(b.Take(t0 + 10ms), 9ms);
  EXPECT_EQ(b.Take(t0 + 20ms), Clock::duration::zero());
  EXPECT_GT(b.Take(t0 + 20ms), Clock::duration::zero());
  // One second refills 50, not more.
  for (int i = 0; i < 50; ++i) ASSERT_EQ(b.Take(t0 + 1020ms), Clock::duration::zero()) << i;
  EXPECT_GT(b.Take(t0 + 1020ms), Clock::duration::zero());
}

TEST(TokenBucket, NeverHoldsMoreThanTheBurst) {
  Clock::time_point t0{};
  TokenBucket b(10, 3, t0);
  EXPECT_TRUE(b.Full(t0));
  auto later = t0 + 1h;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(b.Take(later), Clock::duration::zero());
  EXPECT_FALSE(b.Full(later));
  EXPECT_GT(b.Take(later), Clock::duration::zero());
  EXPECT_TRUE(b.Full(later + 300ms));
}

TEST(TokenBucket, AClockGoingBackIsNotACredit) {
  Clock::time_point t0 = Clock::time_point{} + 10s;
  TokenBucket b(1, 1, t0);
  EXPECT_EQ(b.Take(t0), Clock::duration::zero());
  EXPECT_GT(b.Take(t0 - 5s), Clock::duration::zero());
  EXPECT_EQ(b.Take(t0 + 1s), Clock::duration::zero());
}

}  // namespace
}  // namespace warroom::http
