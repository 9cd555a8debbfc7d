// Repeats of firing alerts on PostgreSQL, as the writer brackets a group
// commit (a savepoint per write): counted in memory and written once per
// alert before COMMIT, seen by a later statement on the alerts table in
// the same transaction, and undone with a write rolled back to its
// savepoint, the kept writes' counts still written.
#include <gtest/gtest.h>

#include "store/postgres/pg_test_support.hpp"
#include "store/postgres/pg_tx.hpp"

namespace warroom::store::postgres {
namespace {

namespace pgt = testing;
using core::AlertStatus;

AlertRecord Firing(std::string key, int seen) {
  AlertRecord a;
  a.integration = "am";
  a.alert_key = std::move(key);
  a.starts_at = FromMicros(100);
  a.status = AlertStatus::kFiring;
  a.group_key = "g";
  a.summary = "seen at " + std::to_string(seen);
  a.labels = "{}";
  a.annotations = R"({"n":")" + std::to_string(seen) + R"("})";
  a.first_seen = a.last_seen = FromMicros(seen);
  return a;
}

class PgRepeatsTest : public pgt::ConnectionTest {
 protected:
  void SetUp() override {
    pgt::ConnectionTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(conn_->Script("BEGIN").ok());
    PgTx tx(*conn_);
    auto first = tx.UpsertAlert(Firing("fp", 1));
    ASSERT_TRUE(first.ok() && first->created);
    id_ = first->alert.id;
    ASSERT_TRUE(conn_->Script("COMMIT").ok());
  }
  // One write of the group commit, as PgStore::TryBatch runs it.
  void Write(PgTx& tx, bool kept, const std::function<void()>& body) {
    ASSERT_TRUE(conn_->Script("SAVEPOINT w").ok());
    tx.BeginWrite();
    body();
    tx.EndWrite(kept);
    ASSERT_TRUE(conn_->Script(kept ? "RELEASE w" : "ROLLBACK TO w; RELEASE w").ok());
  }
  void Repeat(PgTx& tx, int seen) {
    auto r = tx.RepeatFiring(Firing("fp", seen));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(*r);
  }
  AlertRecord Stored() {
    PgTx tx(*conn_);
    auto a = tx.FindAlert(id_);
    EXPECT_TRUE(a.ok() && *a);
    return a.ok() && *a ? **a : AlertRecord{};
  }
  // Row versions the alert's row went through (its updates since the
  // insert, counted by PostgreSQL).
  std::int64_t Updates() {
    auto r =
        conn_->Query("SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'alerts'");
    EXPECT_TRUE(r.ok());
    return r.ok() && !r->empty() ? r->Int(0, 0) : -1;
  }

  std::int64_t id_ = 0;
};

TEST_F(PgRepeatsTest, RepeatsInOneTransactionAreOneUpdateOfTheAlert) {
  ASSERT_TRUE(conn_->Script("BEGIN").ok());
  {
    PgTx tx(*conn_);
    for (int seen : {5, 9, 7}) Write(tx, true, [&] { Repeat(tx, seen); });
    EXPECT_EQ(Updates(), 0);  // nothing written yet
    ASSERT_TRUE(tx.FlushReports().ok());
    EXPECT_EQ(Updates(), 1);
  }
  ASSERT_TRUE(conn_->Script("COMMIT").ok());
  AlertRecord a = Stored();
  EXPECT_EQ(a.fire_count, 4);
  EXPECT_EQ(a.last_seen, FromMicros(9));
  EXPECT_EQ(a.annotations, R"({"n":"7"})");  // the last report's
  EXPECT_EQ(a.summary, "seen at 7");
}

TEST_F(PgRepeatsTest, AStatementOnTheAlertsLaterInTheTransactionSeesTheRepeats) {
  ASSERT_TRUE(conn_->Script("BEGIN").ok());
  PgTx tx(*conn_);
  Write(tx, true, [&] { Repeat(tx, 5); });
  Write(tx, true, [&] {
    Repeat(tx, 6);
    auto listed = tx.ListAlerts(AlertFilter{});
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ((*listed)[0].fire_count, 3);
  });
  ASSERT_TRUE(tx.FlushReports().ok());
  ASSERT_TRUE(conn_->Script("COMMIT").ok());
  EXPECT_EQ(Stored().fire_count, 3);
}

TEST_F(PgRepeatsTest, AWriteRolledBackTakesItsRepeatsAndKeepsTheOthers) {
  ASSERT_TRUE(conn_->Script("BEGIN").ok());
  PgTx tx(*conn_);
  Write(tx, true, [&] {
    Repeat(tx, 5);
    Repeat(tx, 6);
  });
  // A refused write: it counted a repeat, inserted another alert (which
  // wrote the kept writes' counts inside its savepoint), counted again.
  Write(tx, false, [&] {
    Repeat(tx, 7);
    auto other = tx.UpsertAlert(Firing("other", 7));
    ASSERT_TRUE(other.ok() && other->created);
    Repeat(tx, 8);
  });
  Write(tx, true, [&] { Repeat(tx, 9); });
  ASSERT_TRUE(tx.FlushReports().ok());
  ASSERT_TRUE(conn_->Script("COMMIT").ok());
  AlertRecord a = Stored();
  EXPECT_EQ(a.fire_count, 4);  // the first report and the kept writes' three
  EXPECT_EQ(a.last_seen, FromMicros(9));
  auto all = PgTx(*conn_).ListAlerts(AlertFilter{});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);  // the refused write's alert is gone
}

}  // namespace
}  // namespace warroom::store::postgres
