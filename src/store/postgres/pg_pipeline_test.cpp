// A connection in pipeline mode (the writer's): statements sent without
// waiting are answered by the next read, Script or Collect; a failure among
// them is answered once by Collect and the transaction recovers at its
// savepoint; a statement that fails to prepare can be sent again; a
// connection the server ends is Broken. A posted statement (the readers'
// COMMIT) is not waited for, and its answer never reaches a later caller.
#include <gtest/gtest.h>

#include "store/postgres/pg.hpp"
#include "store/postgres/pg_test_support.hpp"

namespace warroom::store::postgres {
namespace {

namespace pgt = testing;

class PgPipelineTest : public pgt::ConnectionTest {
 protected:
  void SetUp() override {
    pgt::ConnectionTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(conn_->Script("CREATE TABLE t (n bigint PRIMARY KEY, s text NOT NULL)").ok());
    ASSERT_TRUE(conn_->EnterPipeline().ok());
  }
  Outcome Insert(std::int64_t n, const std::string& s) {
    Params p;
    return conn_->Exec("INSERT INTO t (n, s) VALUES (" + p.Int(n) + ", " + p.Text(s) + ")", p);
  }
  std::int64_t Count() {
    auto r = conn_->Query("SELECT count(*) FROM t");
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? r->Int(0, 0) : -1;
  }
};

TEST_F(PgPipelineTest, StatementsSentWithoutWaitingAreAnsweredByTheNextRead) {
  ASSERT_TRUE(conn_->Script("BEGIN").ok());
  for (int n = 1; n <= 5; ++n) ASSERT_TRUE(Insert(n, "row").ok());
  EXPECT_EQ(Count(), 5);
  EXPECT_TRUE(conn_->Collect().ok());
  ASSERT_TRUE(conn_->Script("COMMIT").ok());
  EXPECT_EQ(Count(), 5);
}

TEST_F(PgPipelineTest, AFailureAmongThemIsAnsweredOnceAndTheSavepointRecovers) {
  ASSERT_TRUE(conn_->Script("BEGIN").ok());
  ASSERT_TRUE(Insert(1, "kept").ok());
  ASSERT_TRUE(conn_->Defer("SAVEPOINT w").ok());
  ASSERT_TRUE(Insert(2, "undone").ok());
  ASSERT_TRUE(Insert(1, "a taken key").ok());  // fails on the server, answered later
  ASSERT_TRUE(Insert(3, "skipped").ok());
  Outcome collected = conn_->Collect();
  ASSERT_FALSE(collected.ok());
  EXPECT_EQ(collected.error().code, ErrorCode::kConflict) << collected.error().message;
  EXPECT_FALSE(conn_->Broken());
  EXPECT_TRUE(conn_->Collect().ok());  // answered once
  ASSERT_TRUE(conn_->Script("ROLLBACK TO w; RELEASE w").ok());
  ASSERT_TRUE(Insert(4, "after").ok());
  ASSERT_TRUE(conn_->Script("COMMIT").ok());
  auto r = conn_->Query("SELECT string_agg(n::text, ',' ORDER BY n) FROM t");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->Text(0, 0), "1,4");
}

TEST_F(PgPipelineTest, AReadAfterAFailedStatementAnswersThatFailure) {
  ASSERT_TRUE(conn_->Script("BEGIN").ok());
  ASSERT_TRUE(conn_->Exec("SELECT 1 / 0").ok());
  auto r = conn_->Query("SELECT 1");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("division by zero"), std::string::npos) << r.error().message;
  EXPECT_FALSE(conn_->Collect().ok());  // still the write's failure at its end
  ASSERT_TRUE(conn_->Script("ROLLBACK").ok());
  EXPECT_EQ(Count(), 0);
}

TEST_F(PgPipelineTest, AScriptsFailureIsAnsweredByItAloneNotByWhatFollows) {
  ASSERT_TRUE(conn_->Script("BEGIN").ok());
  ASSERT_TRUE(Insert(1, "row").ok());
  Outcome commit = conn_->Script("SELECT 1 / 0; COMMIT");
  ASSERT_FALSE(commit.ok());
  EXPECT_NE(commit.error().message.find("division by zero"), std::string::npos);
  EXPECT_TRUE(conn_->Script("ROLLBACK").ok());
  EXPECT_TRUE(conn_->Script("BEGIN").ok());  // the next transaction starts clean
  EXPECT_EQ(Count(), 0);
  EXPECT_TRUE(conn_->Collect().ok());
  EXPECT_TRUE(conn_->Script("COMMIT").ok());
}

TEST_F(PgPipelineTest, AStatementThatFailsToPrepareCanBeSentAgain) {
  ASSERT_TRUE(conn_->Exec("INSERT INTO missing (n) VALUES (1)").ok());
  Outcome first = conn_->Collect();
  ASSERT_FALSE(first.ok());
  EXPECT_NE(first.error().message.find("missing"), std::string::npos) << first.error().message;
  ASSERT_TRUE(conn_->Script("CREATE TABLE missing (n bigint)").ok());
  ASSERT_TRUE(conn_->Exec("INSERT INTO missing (n) VALUES (1)").ok());
  EXPECT_TRUE(conn_->Collect().ok());
  auto r = conn_->Query("SELECT count(*) FROM missing");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->Int(0, 0), 1);
}

// A statement first prepared after a failure in the same pipeline was
// skipped, PREPARE and all: it is prepared again when next sent, not run
// by a name the server never heard.
TEST_F(PgPipelineTest, AStatementWhosePrepareWasSkippedIsPreparedAgain) {
  ASSERT_TRUE(conn_->Script("BEGIN").ok());
  ASSERT_TRUE(conn_->Exec("SELECT 1 / 0").ok());
  ASSERT_TRUE(Insert(1, "skipped").ok());  // its PREPARE is skipped too
  EXPECT_FALSE(conn_->Collect().ok());
  ASSERT_TRUE(conn_->Script("ROLLBACK").ok());
  ASSERT_TRUE(Insert(1, "again").ok());
  EXPECT_TRUE(conn_->Collect().ok());
  EXPECT_EQ(Count(), 1);
}

// The readers' COMMIT: sent with its sync point, not waited for; the next
// statement reads its answer first and answers only its own.
TEST_F(PgPipelineTest, APostedStatementIsNotWaitedForAndTheNextReadAnswersItsOwn) {
  ASSERT_TRUE(conn_->Defer("BEGIN").ok());
  ASSERT_TRUE(Insert(1, "posted").ok());
  ASSERT_TRUE(conn_->Post("COMMIT").ok());
  auto r = conn_->Query("SELECT s FROM t WHERE n = 1");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 1);
  EXPECT_EQ(r->Text(0, 0), "posted");
  // A posted failure is forgotten, not answered by the next statement.
  ASSERT_TRUE(conn_->Post("SELECT 1 / 0").ok());
  ASSERT_TRUE(conn_->Post("SELECT 1 / 0").ok());
  EXPECT_EQ(Count(), 1);
  EXPECT_TRUE(conn_->Collect().ok());
  EXPECT_FALSE(conn_->Broken());
}

TEST_F(PgPipelineTest, StatementsThatMayWriteAreCountedAndSelectsAreNot) {
  const std::uint64_t before = conn_->writes_sent();
  (void)Count();
  ASSERT_TRUE(conn_->Exec("SELECT n FROM t").ok());
  EXPECT_EQ(conn_->writes_sent(), before);
  ASSERT_TRUE(Insert(1, "row").ok());
  ASSERT_TRUE(conn_->Exec("WITH x AS (DELETE FROM t WHERE n = 9) SELECT 1").ok());
  EXPECT_EQ(conn_->writes_sent(), before + 2);
  EXPECT_TRUE(conn_->Collect().ok());
}

TEST_F(PgPipelineTest, AConnectionTheServerEndsIsBrokenAndUnavailable) {
  ASSERT_TRUE(Insert(1, "before").ok());
  ASSERT_TRUE(conn_->Collect().ok());
  TerminateSessions();
  (void)Insert(2, "after");
  Outcome r = conn_->Collect();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable) << r.error().message;
  EXPECT_TRUE(conn_->Broken());
}

}  // namespace
}  // namespace warroom::store::postgres
