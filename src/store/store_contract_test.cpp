// The store contract: the log, incidents, policies, checkpoints and the
// write path (savepoints, lanes, closing), against every adapter that
// instantiates StoreContract (memory/, sqlite/).
#include "store/store_contract_test.hpp"

#include <algorithm>
#include <future>

#include "base/test_dir.hpp"
#include "store/event_chain.hpp"
#include "store/verify.hpp"

namespace warroom::store {

void StoreContract::SetUp() {
  const StoreAdapter& a = GetParam();
  if (a.unavailable) {
    if (std::string why = a.unavailable(); !why.empty()) {
      if (a.required && a.required()) FAIL() << why;
      GTEST_SKIP() << why;
    }
  }
  dir_ = FreshTestDir("contract");
  store_ = a.open(dir_);
  ASSERT_TRUE(store_);
}

void StoreContract::TearDown() {
  store_.reset();
  if (!dir_.empty() && GetParam().cleanup) GetParam().cleanup(dir_);
  if (!dir_.empty()) std::filesystem::remove_all(dir_);
}

namespace {

NewEvent Ev(const std::string& id, std::string payload = "{}") {
  return NewEvent{id,      FromMicros(1000), FromMicros(2000),  "user",
                  "alice", "note_added",     std::move(payload)};
}

using core::Severity;
using core::Status;
using core::Visibility;

IncidentRow Row(std::string id, Severity severity, Visibility visibility,
                std::vector<std::string> participants, std::int64_t declared) {
  IncidentRow r;
  r.id = std::move(id);
  r.severity = severity;
  r.status = Status::kInvestigating;
  r.summary = "Summary of " + r.id;
  r.visibility = visibility;
  r.participants = std::move(participants);
  r.declared_at = r.updated_at = FromMicros(declared);
  r.last_seq = 1;
  return r;
}

TEST_P(StoreContract, AppendChainsEventsPerIncidentAndNumbersThemGlobally) {
  std::vector<StoredEvent> got;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                for (auto [id, seq] : {std::pair{"A", 0}, {"B", 0}, {"A", 1}}) {
                  WARROOM_ASSIGN_OR_RETURN(auto e, tx.Append(Ev(id), seq));
                  got.push_back(e);
                }
                return Success();
              }).ok());
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].global_seq, 1);
  EXPECT_EQ(got[1].global_seq, 2);
  EXPECT_EQ(got[2].global_seq, 3);
  EXPECT_EQ(got[2].incident_seq, 2);
  EXPECT_EQ(got[2].prev_hash, got[0].hash);
  EXPECT_EQ(got[1].prev_hash, Hash{});
  EXPECT_EQ(ChainHash(got[2]), got[2].hash);
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto head, tx.ChainHead("A"));
                EXPECT_EQ(head, (std::pair{std::int64_t{2}, got[2].hash}));
                WARROOM_ASSIGN_OR_RETURN(auto none, tx.ChainHead("C"));
                EXPECT_FALSE(none);
                WARROOM_ASSIGN_OR_RETURN(auto heads, tx.LoadChainHeads());
                EXPECT_EQ(heads, (ChainHeads{{"A", {2, got[2].hash}}, {"B", {1, got[1].hash}}}));
                WARROOM_ASSIGN_OR_RETURN(auto last, tx.LastGlobalSeq());
                EXPECT_EQ(last, 3);
                WARROOM_ASSIGN_OR_RETURN(auto events, tx.LoadEvents("A"));
                EXPECT_EQ(events.size(), 2u);
                if (events.size() == 2) EXPECT_EQ(events[1].hash, got[2].hash);
                WARROOM_ASSIGN_OR_RETURN(auto missing, tx.LoadEvents("C"));
                EXPECT_TRUE(missing.empty());
                return Success();
              }).ok());
}

TEST_P(StoreContract, EventsAfterASequenceAreOnlyThoseAppendedSinceInOrder) {
  std::vector<StoredEvent> got;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                for (auto [id, seq] : {std::pair{"A", 0}, {"B", 0}, {"A", 1}, {"A", 2}}) {
                  WARROOM_ASSIGN_OR_RETURN(auto e, tx.Append(Ev(id), seq));
                  got.push_back(e);
                }
                return Success();
              }).ok());
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto after1, tx.LoadEventsAfter("A", 1));
                EXPECT_EQ(after1.size(), 2u);
                if (after1.size() == 2) {
                  EXPECT_EQ(after1[0].incident_seq, 2);
                  EXPECT_EQ(after1[0].prev_hash, got[0].hash);
                  EXPECT_EQ(after1[1].hash, got[3].hash);
                }
                WARROOM_ASSIGN_OR_RETURN(auto all, tx.LoadEventsAfter("A", 0));
                EXPECT_EQ(all.size(), 3u);
                WARROOM_ASSIGN_OR_RETURN(auto none, tx.LoadEventsAfter("A", 3));
                EXPECT_TRUE(none.empty());
                WARROOM_ASSIGN_OR_RETURN(auto other, tx.LoadEventsAfter("B", 0));
                EXPECT_EQ(other.size(), 1u);
                WARROOM_ASSIGN_OR_RETURN(auto missing, tx.LoadEventsAfter("C", 0));
                EXPECT_TRUE(missing.empty());
                return Success();
              }).ok());
}

TEST_P(StoreContract, TheLogAfterAGlobalSequenceIsEveryIncidentsEventsInOrderUpToALimit) {
  std::vector<StoredEvent> got;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                for (auto [id, seq] : {std::pair{"A", 0}, {"B", 0}, {"A", 1}, {"C", 0}, {"B", 1}}) {
                  WARROOM_ASSIGN_OR_RETURN(auto e, tx.Append(Ev(id), seq));
                  got.push_back(e);
                }
                return Success();
              }).ok());
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto all, tx.LoadLogAfter(0, 100));
                EXPECT_EQ(all.size(), 5u);
                for (std::size_t i = 0; i < all.size() && i < got.size(); ++i) {
                  EXPECT_EQ(all[i].global_seq, got[i].global_seq);
                  EXPECT_EQ(all[i].incident_id, got[i].incident_id);
                  EXPECT_EQ(all[i].hash, got[i].hash);
                }
                WARROOM_ASSIGN_OR_RETURN(auto some, tx.LoadLogAfter(got[1].global_seq, 2));
                EXPECT_EQ(some.size(), 2u);
                if (some.size() == 2) {
                  EXPECT_EQ(some[0].global_seq, got[2].global_seq);
                  EXPECT_EQ(some[1].incident_id, "C");
                }
                WARROOM_ASSIGN_OR_RETURN(auto none, tx.LoadLogAfter(got[4].global_seq, 100));
                EXPECT_TRUE(none.empty());
                return Success();
              }).ok());
}

TEST_P(StoreContract, AppendWithAStaleExpectedSequenceIsAConflictAndWritesNothing) {
  ASSERT_TRUE(Write([&](WriteTx& tx) { return AsOutcome(tx.Append(Ev("A"), 0)); }).ok());
  auto r = Write([&](WriteTx& tx) { return AsOutcome(tx.Append(Ev("A"), 0)); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  r = Write([&](WriteTx& tx) { return AsOutcome(tx.Append(Ev("B"), 3)); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto evs, tx.LoadEvents("A"));
                EXPECT_EQ(evs.size(), 1u);
                WARROOM_ASSIGN_OR_RETURN(auto heads, tx.LoadChainHeads());
                EXPECT_EQ(heads.size(), 1u);  // no head for B
                return Success();
              }).ok());
}

TEST_P(StoreContract, AFailingWriteRollsBackAloneAndTheGlobalSequenceStaysGapFree) {
  std::vector<std::future<Outcome>> results;
  for (int i = 0; i < 30; ++i) {
    auto p = std::make_shared<std::promise<Outcome>>();
    results.push_back(p->get_future());
    store_->Write(
        [i](WriteTx& tx) -> Outcome {
          WARROOM_RETURN_IF_ERROR(AsOutcome(tx.Append(Ev("I" + std::to_string(i)), 0)));
          WARROOM_RETURN_IF_ERROR(AsOutcome(tx.NextIncidentId(At(0))));
          if (i % 3 == 1) return Error::InvalidArgument("refused on purpose");
          return Success();
        },
        [p](Outcome r) { p->set_value(std::move(r)); });
  }
  for (int i = 0; i < 30; ++i) EXPECT_EQ(results[i].get().ok(), i % 3 != 1) << i;
  std::vector<StoredEvent> all;
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto last, tx.LastGlobalSeq());
                EXPECT_EQ(last, 20);
                for (int i = 0; i < 30; ++i) {
                  WARROOM_ASSIGN_OR_RETURN(auto evs, tx.LoadEvents("I" + std::to_string(i)));
                  EXPECT_EQ(evs.size(), i % 3 == 1 ? 0u : 1u) << i;
                  all.insert(all.end(), evs.begin(), evs.end());
                }
                return Success();
              }).ok());
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.global_seq < b.global_seq; });
  VerifyInput in;
  in.events = &all;
  EXPECT_TRUE(VerifyLog(in).ok);
  // The rolled-back writes gave their incident numbers back too.
  std::string next;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(next, tx.NextIncidentId(At(0)));
                return Success();
              }).ok());
  EXPECT_EQ(next, "INC-1970-01-01-021");
}

TEST_P(StoreContract, IncidentIdsCountPerDayAndWidenPastNineHundredNinetyNine) {
  std::vector<std::string> ids;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                for (int i = 0; i < 1001; ++i) {
                  WARROOM_ASSIGN_OR_RETURN(auto id,
                                           tx.NextIncidentId(*ParseTime("2026-02-12T23:59:59Z")));
                  ids.push_back(id);
                }
                WARROOM_ASSIGN_OR_RETURN(auto next_day,
                                         tx.NextIncidentId(*ParseTime("2026-02-13T00:00:00Z")));
                ids.push_back(next_day);
                return Success();
              }).ok());
  EXPECT_EQ(ids[0], "INC-2026-02-12-001");
  EXPECT_EQ(ids[998], "INC-2026-02-12-999");
  EXPECT_EQ(ids[999], "INC-2026-02-12-1000");
  EXPECT_EQ(ids[1000], "INC-2026-02-12-1001");
  EXPECT_EQ(ids[1001], "INC-2026-02-13-001");
}

TEST_P(StoreContract, ListFiltersAndHidesRestrictedIncidentsFromOutsiders) {
  IncidentRow a = Row("INC-1", Severity::kP1, Visibility::kPublic, {"alice"}, 1);
  a.summary = "Checkout 50% errors";
  IncidentRow b = Row("INC-2", Severity::kP0, Visibility::kRestricted, {"bob"}, 2);
  b.status = Status::kResolved;
  b.open = false;
  IncidentRow c = Row("INC-3", Severity::kP2, Visibility::kPublic, {},
                      2);  // declared with INC-2: later, so first
  c.frozen = true;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                for (const auto* r : {&a, &b, &c}) WARROOM_RETURN_IF_ERROR(tx.UpsertIncident(*r));
                return Success();
              }).ok());
  auto list = [&](IncidentFilter f) {
    std::vector<std::string> ids;
    EXPECT_TRUE(Read([&](ReadTx& tx) -> Outcome {
                  WARROOM_ASSIGN_OR_RETURN(auto rows, tx.ListIncidents(f));
                  for (auto& r : rows) ids.push_back(r.id);
                  return Success();
                }).ok());
    return ids;
  };
  using Ids = std::vector<std::string>;
  IncidentFilter f;
  f.viewer = "carol";
  EXPECT_EQ(list(f), (Ids{"INC-3", "INC-1"}));
  f.viewer = "bob";
  EXPECT_EQ(list(f), (Ids{"INC-3", "INC-2", "INC-1"}));
  f.limit = 1;
  f.offset = 1;
  EXPECT_EQ(list(f), (Ids{"INC-2"}));
  f = {};
  f.viewer = "bob";
  f.open = true;
  EXPECT_EQ(list(f), (Ids{"INC-3", "INC-1"}));
  IncidentFilter t;
  t.viewer_is_admin = true;
  t.text = "50%";
  EXPECT_EQ(list(t), Ids{"INC-1"});
  t.text = "%";  // a literal percent sign, not a wildcard
  EXPECT_EQ(list(t), Ids{"INC-1"});
  t.text = "checkout";  // letters in any case
  EXPECT_EQ(list(t), Ids{"INC-1"});
  t.text = "inc-2";  // the id too
  EXPECT_EQ(list(t), Ids{"INC-2"});
  IncidentFilter s;
  s.viewer_is_admin = true;
  s.severity = Severity::kP0;
  EXPECT_EQ(list(s), Ids{"INC-2"});
  s.severity.reset();
  s.status = Status::kInvestigating;
  EXPECT_EQ(list(s), (Ids{"INC-3", "INC-1"}));
  IncidentFilter z;
  z.ignore_visibility = true;
  z.frozen = true;
  EXPECT_EQ(list(z), Ids{"INC-3"});
  z.frozen = false;
  EXPECT_EQ(list(z), (Ids{"INC-2", "INC-1"}));
}

TEST_P(StoreContract, UpsertingAnIncidentReplacesItsFieldsButKeepsItsDeclaration) {
  IncidentRow a = Row("INC-1", Severity::kP1, Visibility::kPublic, {"alice"}, 5);
  ASSERT_TRUE(Write([&](WriteTx& tx) { return tx.UpsertIncident(a); }).ok());
  a.severity = Severity::kP0;
  a.status = Status::kMonitoring;
  a.participants = {"alice", "bob"};
  a.declared_at = FromMicros(99);
  a.last_seq = 7;
  ASSERT_TRUE(Write([&](WriteTx& tx) { return tx.UpsertIncident(a); }).ok());
  ASSERT_TRUE(Read([&](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto rows, tx.ListIncidents({}));
                EXPECT_EQ(rows.size(), 1u);
                if (rows.empty()) return Success();
                EXPECT_EQ(rows[0].severity, Severity::kP0);
                EXPECT_EQ(rows[0].status, Status::kMonitoring);
                EXPECT_EQ(rows[0].participants, (std::vector<std::string>{"alice", "bob"}));
                EXPECT_EQ(rows[0].declared_at, FromMicros(5));
                EXPECT_EQ(rows[0].last_seq, 7);
                return Success();
              }).ok());
}

TEST_P(StoreContract, PolicyVersionsAreImmutableAndLoadInTheOrderRecorded) {
  ASSERT_TRUE(Write([](WriteTx& tx) { return tx.RecordPolicy("v2", "a: 1", At(1)); }).ok());
  ASSERT_TRUE(Write([](WriteTx& tx) { return tx.RecordPolicy("v2", "a: 1", At(2)); }).ok());
  ASSERT_TRUE(Write([](WriteTx& tx) { return tx.RecordPolicy("v1", "b: 1", At(3)); }).ok());
  auto r = Write([](WriteTx& tx) { return tx.RecordPolicy("v2", "a: 2", At(4)); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kAlreadyExists);
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto p, tx.LoadPolicies());
                using V = std::vector<std::pair<std::string, std::string>>;
                EXPECT_EQ(p, (V{{"v2", "a: 1"}, {"v1", "b: 1"}}));
                return Success();
              }).ok());
}

TEST_P(StoreContract, CheckpointsAreNumberedAndTheLastIsTheNewest) {
  Checkpoint c;
  c.global_seq = 4;
  c.created_at = At(10);
  c.heads_digest[0] = 7;
  c.signature[63] = 9;
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto none, tx.LastCheckpoint());
                EXPECT_FALSE(none);
                return Success();
              }).ok());
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.InsertCheckpoint(c));
                c.global_seq = 9;
                return tx.InsertCheckpoint(c);
              }).ok());
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto last, tx.LastCheckpoint());
                EXPECT_TRUE(last);
                if (!last) return Success();
                EXPECT_EQ(last->id, 2);
                EXPECT_EQ(last->global_seq, 9);
                EXPECT_EQ(last->created_at, At(10));
                EXPECT_EQ(last->heads_digest[0], 7);
                EXPECT_EQ(last->signature[63], 9);
                return Success();
              }).ok());
}

TEST_P(StoreContract, AFullLaneRefusesAtOnceWhileTheOtherLaneStillWrites) {
  store_->SetLaneLimit(Store::Lane::kIngest, 0);
  std::promise<Outcome> refused;
  store_->WriteIn(
      Store::Lane::kIngest, [](WriteTx&) { return Success(); },
      [&](Outcome r) { refused.set_value(std::move(r)); });
  auto r = refused.get_future().get();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kResourceExhausted);
  EXPECT_TRUE(Write([](WriteTx& tx) { return AsOutcome(tx.Append(Ev("A"), 0)); }).ok());
  store_->SetLaneLimit(Store::Lane::kIngest, 10);
  std::promise<Outcome> accepted;
  store_->WriteIn(
      Store::Lane::kIngest, [](WriteTx&) { return Success(); },
      [&](Outcome r) { accepted.set_value(std::move(r)); });
  EXPECT_TRUE(accepted.get_future().get().ok());
}

TEST_P(StoreContract, WritesAndReadsAfterCloseAreUnavailable) {
  store_->Close();
  auto w = Write([](WriteTx&) { return Success(); });
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().code, ErrorCode::kUnavailable);
  auto r = Read([](ReadTx&) { return Success(); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  store_->Close();  // idempotent
}

}  // namespace
}  // namespace warroom::store
