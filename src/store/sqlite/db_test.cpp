// Storage failures (a full disk, a read-only database) are kUnavailable with
// a message a person can act on, and the connection remembers them for the
// writer's health (readiness).
#include "store/sqlite/db.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/test_dir.hpp"

namespace warroom::store::sqlite {
namespace {

class DbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("db");
    auto c = Connection::Open((dir_ / "t.db").string(), false);
    ASSERT_TRUE(c.ok()) << c.error().message;
    conn_ = std::move(*c);
    ASSERT_TRUE(conn_->Exec("CREATE TABLE t (x BLOB)").ok());
  }
  void TearDown() override {
    conn_.reset();
    std::filesystem::remove_all(dir_);
  }
  Outcome InsertBlob() {
    Stmt q(*conn_, "INSERT INTO t (x) VALUES (zeroblob(8192))");
    return q.Exec();
  }
  std::filesystem::path dir_;
  std::unique_ptr<Connection> conn_;
};

TEST_F(DbTest, AFullDatabaseIsUnavailableNotInternal) {
  // max_page_count makes the file "full" as a full disk would.
  ASSERT_TRUE(conn_->Exec("PRAGMA max_page_count = 8").ok());
  Outcome r = Success();
  for (int i = 0; i < 50 && r.ok(); ++i) r = InsertBlob();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(r.error().message.find("the disk holding the database is full"), std::string::npos)
      << r.error().message;
  EXPECT_NE(r.error().message.find("retry later"), std::string::npos);
  EXPECT_EQ(conn_->TakeStorageFailure(), SQLITE_FULL);
  EXPECT_EQ(conn_->TakeStorageFailure(), SQLITE_OK) << "taken once";
}

TEST_F(DbTest, AReadOnlyDatabaseIsUnavailable) {
  ASSERT_TRUE(conn_->Exec("PRAGMA query_only = ON").ok());
  Outcome r = InsertBlob();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(r.error().message.find("read-only"), std::string::npos) << r.error().message;
  EXPECT_EQ(conn_->TakeStorageFailure() & 0xff, SQLITE_READONLY);
  // sqlite3_exec's path too.
  Outcome e = conn_->Exec("INSERT INTO t (x) VALUES (1)");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(conn_->TakeStorageFailure() & 0xff, SQLITE_READONLY);
}

TEST_F(DbTest, OtherFailuresAreNotStorageFailures) {
  Stmt q(*conn_, "INSERT INTO missing (x) VALUES (1)");
  EXPECT_FALSE(q.Exec().ok());
  EXPECT_EQ(conn_->TakeStorageFailure(), SQLITE_OK);
  EXPECT_FALSE(IsStorageFailure(SQLITE_CONSTRAINT));
  EXPECT_TRUE(IsStorageFailure(SQLITE_IOERR_WRITE));
}

}  // namespace
}  // namespace warroom::store::sqlite
