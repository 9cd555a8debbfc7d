// The store contract: the outbox (idempotency keys, claim leases, attempts,
// retries by hand, lanes).
#include "store/store_contract_test.hpp"

namespace warroom::store {
namespace {

OutboxMessage Message(std::string key, std::int64_t due, std::string incident = "INC-1") {
  OutboxMessage m;
  m.incident_id = std::move(incident);
  m.cause_seq = 1;
  m.destination = "pager";
  m.kind = OutboxKind::kPage;
  m.audience = core::Audience::kInternal;
  m.subject = "Subject " + key;
  m.body = "Body";
  m.idempotency_key = std::move(key);
  m.next_attempt_at = At(due);
  m.created_at = At(0);
  m.state = OutboxState::kDelivered;  // ignored: a new message is pending
  m.attempts = 5;                     // ignored too
  return m;
}

OutboxAttempt Attempt(std::int64_t id, int n, AttemptOutcome outcome = AttemptOutcome::kRetry) {
  return OutboxAttempt{id, n, At(20), At(21), outcome, 503, "busy"};
}

TEST_P(StoreContract, ARepeatedIdempotencyKeyIsIgnoredAndTheFirstMessageStays) {
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(Message("k1", 5)));
                WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(Message("k2", 5)));
                auto again = Message("k1", 9);
                again.subject = "changed";
                return tx.InsertOutbox(again);
              }).ok());
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto all, tx.ListOutbox({}));
                EXPECT_EQ(all.size(), 2u);
                WARROOM_ASSIGN_OR_RETURN(auto first, tx.FindOutbox(1));
                EXPECT_TRUE(first);
                if (!first) return Success();
                EXPECT_EQ(first->subject, "Subject k1");
                EXPECT_EQ(first->state, OutboxState::kPending);
                EXPECT_EQ(first->attempts, 0);
                EXPECT_EQ(first->next_attempt_at, At(5));
                WARROOM_ASSIGN_OR_RETURN(auto missing, tx.FindOutbox(3));
                EXPECT_FALSE(missing);
                return Success();
              }).ok());
}

TEST_P(StoreContract, TwoClaimsNeverGetOneMessageUntilItsLeaseRunsOut) {
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(Message("late", 8)));
                WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(Message("early", 5)));
                return tx.InsertOutbox(Message("future", 100));
              }).ok());
  auto claim = [&](std::int64_t now, std::int64_t until, int limit) {
    std::vector<std::int64_t> ids;
    EXPECT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                  WARROOM_ASSIGN_OR_RETURN(
                      auto got, tx.ClaimOutbox(OutboxLane::kIncidents, At(now), At(until), limit));
                  for (auto& m : got) ids.push_back(m.id);
                  return Success();
                }).ok());
    return ids;
  };
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(claim(10, 40, 1), Ids{2});  // the earliest due first
  EXPECT_EQ(claim(10, 40, 10), Ids{1});
  EXPECT_EQ(claim(20, 40, 10), Ids{});  // both leased
  std::optional<TimePoint> due;
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(due, tx.NextOutboxDue(OutboxLane::kIncidents));
                return Success();
              }).ok());
  EXPECT_EQ(due, At(40));  // when the leases run out
  EXPECT_EQ(claim(40, 60, 10), (Ids{2, 1}));
  ASSERT_TRUE(Write([](WriteTx& tx) { return tx.ReleaseOutboxLeases(); }).ok());
  EXPECT_EQ(claim(41, 60, 10), (Ids{2, 1}));
}

TEST_P(StoreContract, FinishAttemptRecordsTheAttemptAndTheMessagesNewState) {
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                for (auto k : {"a", "b", "c"})
                  WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(Message(k, 5)));
                return AsOutcome(tx.ClaimOutbox(OutboxLane::kIncidents, At(10), At(50), 10));
              }).ok());
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(
                    tx.FinishAttempt(Attempt(1, 1), OutboxState::kPending, At(30), "503"));
                WARROOM_RETURN_IF_ERROR(tx.FinishAttempt(Attempt(2, 1, AttemptOutcome::kDelivered),
                                                         OutboxState::kDelivered, At(21), ""));
                return tx.FinishAttempt(Attempt(3, 1, AttemptOutcome::kFailed), OutboxState::kDead,
                                        At(21), "410 gone");
              }).ok());
  auto twice = Write([](WriteTx& tx) {
    return tx.FinishAttempt(Attempt(1, 1), OutboxState::kPending, At(30), "");
  });
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  auto unknown = Write(
      [](WriteTx& tx) { return tx.FinishAttempt(Attempt(9, 1), OutboxState::kDead, At(1), ""); });
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto m, tx.FindOutbox(1));
                EXPECT_EQ(m->state, OutboxState::kPending);
                EXPECT_EQ(m->attempts, 1);
                EXPECT_EQ(m->next_attempt_at, At(30));
                EXPECT_EQ(m->last_error, "503");
                EXPECT_FALSE(m->finished_at);
                WARROOM_ASSIGN_OR_RETURN(auto d, tx.FindOutbox(2));
                EXPECT_EQ(d->state, OutboxState::kDelivered);
                EXPECT_EQ(d->finished_at, At(21));
                WARROOM_ASSIGN_OR_RETURN(auto attempts, tx.ListAttempts(1));
                EXPECT_EQ(attempts.size(), 1u);
                if (!attempts.empty()) {
                  EXPECT_EQ(attempts[0].detail, "busy");
                  EXPECT_EQ(attempts[0].outcome, AttemptOutcome::kRetry);
                }
                // The lease is released: due at its next attempt.
                WARROOM_ASSIGN_OR_RETURN(auto due, tx.NextOutboxDue(OutboxLane::kIncidents));
                EXPECT_EQ(due, At(30));
                OutboxFilter failed;
                failed.states = {OutboxState::kDead, OutboxState::kUnknown};
                WARROOM_ASSIGN_OR_RETURN(auto f, tx.ListOutbox(failed));
                EXPECT_EQ(f.size(), 1u);
                OutboxFilter pending;
                pending.states = {OutboxState::kPending};
                WARROOM_ASSIGN_OR_RETURN(auto p, tx.ListOutbox(pending));
                EXPECT_EQ(p.size(), 1u);
                OutboxFilter other;
                other.incident_id = "INC-2";
                WARROOM_ASSIGN_OR_RETURN(auto none, tx.ListOutbox(other));
                EXPECT_TRUE(none.empty());
                WARROOM_ASSIGN_OR_RETURN(auto all, tx.ListOutbox({}));
                EXPECT_EQ(all.size(), 3u);
                if (!all.empty()) EXPECT_EQ(all[0].id, 3);  // newest first
                return Success();
              }).ok());
}

TEST_P(StoreContract, OnlyDeadOrUnknownMessagesAreRetriedByHandAndBecomeDueNow) {
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(Message("a", 5)));
                WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(Message("b", 5)));
                return tx.FinishAttempt(Attempt(2, 1, AttemptOutcome::kUnknown),
                                        OutboxState::kUnknown, At(21), "timeout");
              }).ok());
  auto pending = Write([](WriteTx& tx) { return tx.RetryOutbox(1, At(60)); });
  ASSERT_FALSE(pending.ok());
  EXPECT_EQ(pending.error().code, ErrorCode::kFailedPrecondition);
  auto missing = Write([](WriteTx& tx) { return tx.RetryOutbox(7, At(60)); });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(Write([](WriteTx& tx) { return tx.RetryOutbox(2, At(60)); }).ok());
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto m, tx.FindOutbox(2));
                EXPECT_EQ(m->state, OutboxState::kPending);
                EXPECT_EQ(m->next_attempt_at, At(60));
                EXPECT_FALSE(m->finished_at);
                return Success();
              }).ok());
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto due, tx.NextOutboxDue(OutboxLane::kIncidents));
                EXPECT_EQ(due, At(5));
                return Success();
              }).ok());
}

TEST_P(StoreContract, OutboxLanesAreClaimedDueAndListedApart) {
  // A notice and a confirmation are the subscribers' lane, by their kind.
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(Message("page", 8)));
                auto notice = Message("notice", 5);
                notice.kind = OutboxKind::kNotice;
                notice.destination = "subscribers";
                WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(notice));
                auto confirmation = Message("confirmation", 6);
                confirmation.kind = OutboxKind::kConfirmation;
                confirmation.recipient = "7";
                return tx.InsertOutbox(confirmation);
              }).ok());
  auto due = [&](OutboxLane lane) {
    std::optional<TimePoint> at;
    EXPECT_TRUE(Read([&](ReadTx& tx) -> Outcome {
                  WARROOM_ASSIGN_OR_RETURN(at, tx.NextOutboxDue(lane));
                  return Success();
                }).ok());
    return at;
  };
  EXPECT_EQ(due(OutboxLane::kIncidents), At(8));  // not the notice's 5
  EXPECT_EQ(due(OutboxLane::kSubscribers), At(5));
  auto claim = [&](OutboxLane lane, std::int64_t now) {
    std::vector<std::int64_t> ids;
    EXPECT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                  WARROOM_ASSIGN_OR_RETURN(auto got, tx.ClaimOutbox(lane, At(now), At(40), 10));
                  for (auto& m : got) ids.push_back(m.id);
                  return Success();
                }).ok());
    return ids;
  };
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(claim(OutboxLane::kIncidents, 7), Ids{});  // the notice is due, in the other lane
  EXPECT_EQ(claim(OutboxLane::kIncidents, 10), Ids{1});
  EXPECT_EQ(due(OutboxLane::kSubscribers), At(5));  // the incidents' claim left it alone
  EXPECT_EQ(claim(OutboxLane::kSubscribers, 10), (Ids{2, 3}));
  EXPECT_EQ(due(OutboxLane::kIncidents), At(40));
  EXPECT_EQ(due(OutboxLane::kSubscribers), At(40));
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                return tx.FinishAttempt(Attempt(1, 1, AttemptOutcome::kDelivered),
                                        OutboxState::kDelivered, At(21), "");
              }).ok());
  EXPECT_EQ(due(OutboxLane::kIncidents), std::nullopt);  // nothing pending in it
  EXPECT_EQ(due(OutboxLane::kSubscribers), At(40));
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                OutboxFilter subscribers;
                subscribers.lane = OutboxLane::kSubscribers;
                WARROOM_ASSIGN_OR_RETURN(auto s, tx.ListOutbox(subscribers));
                EXPECT_EQ(s.size(), 2u);
                if (s.size() == 2) {
                  EXPECT_EQ(s[0].id, 3);  // newest first
                  EXPECT_EQ(s[0].kind, OutboxKind::kConfirmation);
                  EXPECT_EQ(s[0].recipient, "7");
                  EXPECT_EQ(s[1].kind, OutboxKind::kNotice);
                }
                OutboxFilter incidents;
                incidents.lane = OutboxLane::kIncidents;
                WARROOM_ASSIGN_OR_RETURN(auto i, tx.ListOutbox(incidents));
                EXPECT_EQ(i.size(), 1u);
                if (!i.empty()) EXPECT_EQ(i[0].id, 1);
                // With the other filters: the subscribers' pending ones.
                OutboxFilter pending = subscribers;
                pending.states = {OutboxState::kPending};
                pending.limit = 1;
                WARROOM_ASSIGN_OR_RETURN(auto p, tx.ListOutbox(pending));
                EXPECT_EQ(p.size(), 1u);
                if (!p.empty()) EXPECT_EQ(p[0].id, 3);
                incidents.states = {OutboxState::kPending};
                WARROOM_ASSIGN_OR_RETURN(auto none, tx.ListOutbox(incidents));
                EXPECT_TRUE(none.empty());
                WARROOM_ASSIGN_OR_RETURN(auto all, tx.ListOutbox({}));
                EXPECT_EQ(all.size(), 3u);  // no lane: both
                return Success();
              }).ok());
}

}  // namespace
}  // namespace warroom::store
