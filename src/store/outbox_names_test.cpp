// The outbox's stored names: a message's kind, lane and state, an attempt's
// outcome.
#include <gtest/gtest.h>

#include "store/attempt_outcome.hpp"
#include "store/outbox_kind.hpp"
#include "store/outbox_state.hpp"

namespace warroom::store {
namespace {

TEST(OutboxNames, EachKindReadsBackFromItsName) {
  for (auto k :
       {OutboxKind::kPage, OutboxKind::kMessage, OutboxKind::kReminder, OutboxKind::kEscalation,
        OutboxKind::kWarRoom, OutboxKind::kNotice, OutboxKind::kConfirmation})
    EXPECT_EQ(ParseOutboxKind(OutboxKindName(k)), k);
  EXPECT_EQ(OutboxKindName(OutboxKind::kWarRoom), "war-room");
  EXPECT_EQ(OutboxKindName(OutboxKind::kNotice), "notice");
  EXPECT_EQ(OutboxKindName(OutboxKind::kConfirmation), "confirmation");
}

TEST(OutboxNames, OnlyTheSubscribersKindsAreTheSubscribersLane) {
  for (auto k : {OutboxKind::kPage, OutboxKind::kMessage, OutboxKind::kReminder,
                 OutboxKind::kEscalation, OutboxKind::kWarRoom})
    EXPECT_EQ(LaneOf(k), OutboxLane::kIncidents) << OutboxKindName(k);
  EXPECT_EQ(LaneOf(OutboxKind::kNotice), OutboxLane::kSubscribers);
  EXPECT_EQ(LaneOf(OutboxKind::kConfirmation), OutboxLane::kSubscribers);
  // The stored names (the outbox's lane column; its default is the first).
  EXPECT_EQ(OutboxLaneName(OutboxLane::kIncidents), "incidents");
  EXPECT_EQ(OutboxLaneName(OutboxLane::kSubscribers), "subscribers");
}

TEST(OutboxNames, AnUnknownKindIsRefused) {
  EXPECT_FALSE(ParseOutboxKind("war_room"));
  EXPECT_FALSE(ParseOutboxKind("Page"));
  EXPECT_FALSE(ParseOutboxKind(""));
}

TEST(OutboxNames, EachStateAndOutcomeReadsBackFromItsName) {
  for (auto s :
       {OutboxState::kPending, OutboxState::kDelivered, OutboxState::kDead, OutboxState::kUnknown})
    EXPECT_EQ(ParseOutboxState(OutboxStateName(s)), s);
  for (auto o : {AttemptOutcome::kDelivered, AttemptOutcome::kRetry, AttemptOutcome::kFailed,
                 AttemptOutcome::kUnknown})
    EXPECT_EQ(ParseAttemptOutcome(AttemptOutcomeName(o)), o);
  EXPECT_FALSE(ParseOutboxState("failed"));  // the API's filter word, not a state
  EXPECT_FALSE(ParseAttemptOutcome("dead"));
}

}  // namespace
}  // namespace warroom::store
