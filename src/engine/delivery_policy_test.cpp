// The dispatcher's retry policy: backoff with jitter up to its cap,
// Retry-After, dead letters after the last attempt, unknown outcomes.
#include "engine/delivery_policy.hpp"

#include <gtest/gtest.h>

namespace warroom::engine {
namespace {

using namespace std::chrono_literals;
using O = DeliveryResult::Outcome;

const TimePoint kNow = ParseTime("2026-02-12T14:00:00Z").value();

store::OutboxMessage Message(int attempts, bool retry_on_unknown = false) {
  store::OutboxMessage m;
  m.id = 7;
  m.attempts = attempts;
  m.retry_on_unknown = retry_on_unknown;
  return m;
}

TEST(Backoff, DoublesFromAboutASecondWithJitterUpToFiveMinutes) {
  std::mt19937_64 rng(1);
  for (int i = 0; i < 200; ++i) {
    Duration first = Backoff(1, std::nullopt, rng);
    EXPECT_GE(first, Duration(500ms));
    EXPECT_LE(first, Duration(1s));
    Duration fourth = Backoff(4, std::nullopt, rng);
    EXPECT_GE(fourth, Duration(4s));
    EXPECT_LE(fourth, Duration(8s));
    Duration late = Backoff(30, std::nullopt, rng);
    EXPECT_GE(late, Duration(150s));
    EXPECT_LE(late, Duration(5min));
  }
}

TEST(Backoff, ALongerRetryAfterWinsAndAShorterOneDoesNot) {
  std::mt19937_64 rng(2);
  EXPECT_EQ(Backoff(1, Duration(30s), rng), Duration(30s));
  EXPECT_LE(Backoff(8, Duration(1s), rng), Duration(5min));
  EXPECT_GE(Backoff(8, Duration(1s), rng), Duration(64s));
}

TEST(Judge, ADeliveryIsFinal) {
  std::mt19937_64 rng(3);
  auto v = Judge(Message(0), DeliveryResult::Of(O::kDelivered, "HTTP 200"), 8, kNow, rng);
  EXPECT_EQ(v.attempt, 1);
  EXPECT_EQ(v.state, store::OutboxState::kDelivered);
  EXPECT_EQ(v.outcome, store::AttemptOutcome::kDelivered);
  EXPECT_TRUE(v.final());
}

TEST(Judge, ARefusalForGoodIsDeadLetteredAtOnce) {
  std::mt19937_64 rng(4);
  auto v = Judge(Message(0), DeliveryResult::Of(O::kFailed, "HTTP 404"), 8, kNow, rng);
  EXPECT_EQ(v.state, store::OutboxState::kDead);
  EXPECT_EQ(v.outcome, store::AttemptOutcome::kFailed);
}

TEST(Judge, ARetryWaitsItsBackoffOrRetryAfterUntilTheLastAttempt) {
  std::mt19937_64 rng(5);
  DeliveryResult busy = DeliveryResult::Of(O::kRetry, "HTTP 429", 429);
  busy.retry_after = Duration(120s);
  auto v = Judge(Message(2), busy, 8, kNow, rng);
  EXPECT_EQ(v.attempt, 3);
  EXPECT_EQ(v.state, store::OutboxState::kPending);
  EXPECT_EQ(v.outcome, store::AttemptOutcome::kRetry);
  EXPECT_EQ(v.next_attempt, kNow + Duration(120s));
  auto last = Judge(Message(7), busy, 8, kNow, rng);
  EXPECT_EQ(last.attempt, 8);
  EXPECT_EQ(last.state, store::OutboxState::kDead);
  EXPECT_EQ(last.outcome, store::AttemptOutcome::kRetry);
}

TEST(Judge, AnUnknownOutcomeIsFinalExceptForAMessageThatRetriesOnUnknown) {
  std::mt19937_64 rng(6);
  auto timeout = DeliveryResult::Of(O::kUnknown, "timed out after sending");
  auto customer = Judge(Message(0), timeout, 8, kNow, rng);
  EXPECT_EQ(customer.state, store::OutboxState::kUnknown);
  EXPECT_EQ(customer.outcome, store::AttemptOutcome::kUnknown);
  auto page = Judge(Message(0, true), timeout, 8, kNow, rng);
  EXPECT_EQ(page.state, store::OutboxState::kPending);
  EXPECT_EQ(page.outcome, store::AttemptOutcome::kRetry);
  EXPECT_GT(page.next_attempt, kNow);
}

}  // namespace
}  // namespace warroom::engine
