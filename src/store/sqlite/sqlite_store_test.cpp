// What only the SQLite adapter promises: migrations, and the whole log read
// back from the file for verify. The store contract every adapter keeps is
// store/store_contract*_test.cpp (run here by sqlite_contract_test.cpp).
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>

#include "base/test_dir.hpp"
#include "store/sqlite/sqlite_tx.hpp"
#include "store/verify.hpp"

namespace warroom::store {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("store");
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

TEST_F(SqliteStoreTest, TheWholeLogReadBackFromTheFileVerifies) {
  ASSERT_TRUE(store_
                  ->WriteSync([&](WriteTx& tx) -> Outcome {
                    for (auto [id, seq] : {std::pair{"A", 0}, {"B", 0}, {"A", 1}}) {
                      auto e = tx.Append(Ev(id), seq);
                      if (!e.ok()) return e.error();
                    }
                    return Success();
                  })
                  .ok());
  auto c = sqlite::Connection::Open((dir_ / "t.db").string(), true);
  ASSERT_TRUE(c.ok());
  auto all = sqlite::LoadAllEvents((*c)->get());
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[2].global_seq, 3);
  VerifyInput in;
  in.events = &*all;
  EXPECT_TRUE(VerifyLog(in).ok);
}

TEST_F(SqliteStoreTest, ReopeningAppliesNoMigrationTwice) {
  store_.reset();
  auto again = sqlite::SqliteStore::Open((dir_ / "t.db").string());
  ASSERT_TRUE(again.ok()) << again.error().message;
}

}  // namespace
}  // namespace warroom::store
