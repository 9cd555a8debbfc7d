// The store contract, run against the SQLite adapter (the PostgreSQL adapter
// will run the same cases).
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <atomic>
#include <filesystem>
#include <future>

#include "store/event_chain.hpp"
#include "store/sqlite/sqlite_tx.hpp"
#include "store/verify.hpp"

namespace warroom::store {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("warroom-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = sqlite::SqliteStore::Open((dir_ / "t.db").string());
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  NewEvent Ev(const std::string& id, std::string payload = "{}") {
    return NewEvent{id,      FromMicros(1000), FromMicros(2000),  "user",
                    "alice", "note_added",     std::move(payload)};
  }
  std::filesystem::path dir_;
  std::unique_ptr<sqlite::SqliteStore> store_;
};

TEST_F(SqliteStoreTest, AppendChainsEventsPerIncidentAndNumbersThemGlobally) {
  std::vector<StoredEvent> got;
  ASSERT_TRUE(store_
                  ->WriteSync([&](WriteTx& tx) -> Outcome {
                    for (auto [id, seq] : {std::pair{"A", 0}, {"B", 0}, {"A", 1}}) {
                      WARROOM_ASSIGN_OR_RETURN(auto e, tx.Append(Ev(id), seq));
                      got.push_back(e);
                    }
                    return Success();
                  })
                  .ok());
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].global_seq, 1);
  EXPECT_EQ(got[1].global_seq, 2);
  EXPECT_EQ(got[2].global_seq, 3);
  EXPECT_EQ(got[2].incident_seq, 2);
  EXPECT_EQ(got[2].prev_hash, got[0].hash);
  EXPECT_EQ(got[1].prev_hash, Hash{});
  EXPECT_EQ(ChainHash(got[2]), got[2].hash);
}

TEST_F(SqliteStoreTest, AppendWithAStaleExpectedSequenceIsAConflictAndWritesNothing) {
  ASSERT_TRUE(store_
                  ->WriteSync([&](WriteTx& tx) -> Outcome {
                    return tx.Append(Ev("A"), 0).ok() ? Success() : Error::Internal("x");
                  })
                  .ok());
  auto r = store_->WriteSync([&](WriteTx& tx) -> Outcome {
    auto e = tx.Append(Ev("A"), 0);
    if (!e.ok()) return e.error();
    return Success();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  std::size_t n = 0;
  ASSERT_TRUE(store_
                  ->ReadSync([&](ReadTx& tx) -> Outcome {
                    WARROOM_ASSIGN_OR_RETURN(auto evs, tx.LoadEvents("A"));
                    n = evs.size();
                    return Success();
                  })
                  .ok());
  EXPECT_EQ(n, 1u);
}

TEST_F(SqliteStoreTest, AFailingWriteRollsBackAloneInItsBatch) {
  std::vector<std::future<Outcome>> results;
  std::vector<std::shared_ptr<std::promise<Outcome>>> promises;
  for (int i = 0; i < 30; ++i) {
    auto p = std::make_shared<std::promise<Outcome>>();
    results.push_back(p->get_future());
    store_->Write(
        [i, this](WriteTx& tx) -> Outcome {
          auto e = tx.Append(Ev("I" + std::to_string(i)), 0);
          if (!e.ok()) return e.error();
          if (i % 3 == 1) return Error::InvalidArgument("refused on purpose");
          return Success();
        },
        [p](Outcome r) { p->set_value(std::move(r)); });
  }
  for (int i = 0; i < 30; ++i) EXPECT_EQ(results[i].get().ok(), i % 3 != 1) << i;
  std::int64_t last = 0;
  ASSERT_TRUE(store_
                  ->ReadSync([&](ReadTx& tx) -> Outcome {
                    WARROOM_ASSIGN_OR_RETURN(last, tx.LastGlobalSeq());
                    for (int i = 0; i < 30; ++i) {
                      WARROOM_ASSIGN_OR_RETURN(auto evs, tx.LoadEvents("I" + std::to_string(i)));
                      if (evs.size() != (i % 3 == 1 ? 0u : 1u))
                        return Error::Internal("wrong count for " + std::to_string(i));
                    }
                    return Success();
                  })
                  .ok());
  // The global sequence stays gap-free across rolled-back writes.
  EXPECT_EQ(last, 20);
  std::vector<StoredEvent> all;
  {
    auto c = sqlite::Connection::Open((dir_ / "t.db").string(), true);
    ASSERT_TRUE(c.ok());
    all = *sqlite::LoadAllEvents((*c)->get());
  }
  VerifyInput in;
  in.events = &all;
  EXPECT_TRUE(VerifyLog(in).ok);
}

TEST_F(SqliteStoreTest, IncidentIdsCountPerDayAndWidenPastNineHundredNinetyNine) {
  std::vector<std::string> ids;
  ASSERT_TRUE(store_
                  ->WriteSync([&](WriteTx& tx) -> Outcome {
                    for (int i = 0; i < 1001; ++i) {
                      WARROOM_ASSIGN_OR_RETURN(
                          auto id, tx.NextIncidentId(*ParseTime("2026-02-12T23:59:59Z")));
                      ids.push_back(id);
                    }
                    WARROOM_ASSIGN_OR_RETURN(auto next_day,
                                             tx.NextIncidentId(*ParseTime("2026-02-13T00:00:00Z")));
                    ids.push_back(next_day);
                    return Success();
                  })
                  .ok());
  EXPECT_EQ(ids[0], "INC-2026-02-12-001");
  EXPECT_EQ(ids[998], "INC-2026-02-12-999");
  EXPECT_EQ(ids[999], "INC-2026-02-12-1000");
  EXPECT_EQ(ids[1000], "INC-2026-02-12-1001");
  EXPECT_EQ(ids[1001], "INC-2026-02-13-001");
}

TEST_F(SqliteStoreTest, ListFiltersAndHidesRestrictedIncidentsFromOutsiders) {
  ASSERT_TRUE(store_
                  ->WriteSync([&](WriteTx& tx) -> Outcome {
                    IncidentRow a{"INC-1",
                                  "P1",
                                  "investigating",
                                  true,
                                  "Checkout 50% errors",
                                  "public",
                                  {"alice"},
                                  FromMicros(1),
                                  FromMicros(1),
                                  1,
                                  false,
                                  "",
                                  {}};
                    IncidentRow b{
                        "INC-2", "P0",          "resolved",    false, "Breach", "restricted",
                        {"bob"}, FromMicros(2), FromMicros(2), 1,     false,    "",
                        {}};
                    WARROOM_RETURN_IF_ERROR(tx.UpsertIncident(a));
                    return tx.UpsertIncident(b);
                  })
                  .ok());
  auto list = [&](IncidentFilter f) {
    std::vector<std::string> ids;
    EXPECT_TRUE(store_
                    ->ReadSync([&](ReadTx& tx) -> Outcome {
                      WARROOM_ASSIGN_OR_RETURN(auto rows, tx.ListIncidents(f));
                      for (auto& r : rows) ids.push_back(r.id);
                      return Success();
                    })
                    .ok());
    return ids;
  };
  IncidentFilter f;
  f.viewer = "carol";
  EXPECT_EQ(list(f), std::vector<std::string>{"INC-1"});
  f.viewer = "bob";
  EXPECT_EQ(list(f), (std::vector<std::string>{"INC-2", "INC-1"}));
  f.open = true;
  EXPECT_EQ(list(f), std::vector<std::string>{"INC-1"});
  IncidentFilter t;
  t.viewer_is_admin = true;
  t.text = "50%";
  EXPECT_EQ(list(t), std::vector<std::string>{"INC-1"});
  t.text = "%";  // a literal percent sign, not a wildcard
  EXPECT_EQ(list(t), std::vector<std::string>{"INC-1"});
  IncidentFilter s;
  s.viewer_is_admin = true;
  s.severity = "P0";
  EXPECT_EQ(list(s), std::vector<std::string>{"INC-2"});
}

TEST_F(SqliteStoreTest, ReopeningAppliesNoMigrationTwice) {
  store_.reset();
  auto again = sqlite::SqliteStore::Open((dir_ / "t.db").string());
  ASSERT_TRUE(again.ok()) << again.error().message;
}

TEST_F(SqliteStoreTest, PolicyVersionsAreImmutable) {
  ASSERT_TRUE(
      store_->WriteSync([](WriteTx& tx) { return tx.RecordPolicy("v1", "a: 1", FromMicros(1)); })
          .ok());
  ASSERT_TRUE(
      store_->WriteSync([](WriteTx& tx) { return tx.RecordPolicy("v1", "a: 1", FromMicros(2)); })
          .ok());
  auto r =
      store_->WriteSync([](WriteTx& tx) { return tx.RecordPolicy("v1", "a: 2", FromMicros(3)); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kAlreadyExists);
}

TEST_F(SqliteStoreTest, AWriteAfterCloseIsUnavailable) {
  store_->Close();
  auto r = store_->WriteSync([](WriteTx&) { return Success(); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace warroom::store
