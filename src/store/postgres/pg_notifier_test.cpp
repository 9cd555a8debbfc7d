// LISTEN/NOTIFY on the test cluster: an announcement reaches every
// notifier on the database (its sender's too), distinct payloads each once;
// a connection the server drops is reopened and says so with "".
#include "store/postgres/pg_notifier.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "store/postgres/pg_test_support.hpp"

namespace warroom::store::postgres {
namespace {

using namespace std::chrono_literals;
namespace pgt = testing;

class Heard {
 public:
  std::function<void(const std::string&)> Fn() {
    return [this](const std::string& p) {
      std::lock_guard lock(mu_);
      got_.push_back(p);
    };
  }
  std::vector<std::string> Got() {
    std::lock_guard lock(mu_);
    return got_;
  }
  // Waits (real time, up to 5 s) until `n` payloads arrived.
  bool AtLeast(std::size_t n) {
    for (int i = 0; i < 500; ++i) {
      if (Got().size() >= n) return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> got_;
};

class PgNotifierTest : public pgt::DatabaseTest {};

TEST_F(PgNotifierTest, AnAnnouncementReachesEveryListenerOnTheDatabase) {
  Heard a, b;
  PgNotifier na(pgt::ConnInfo(db_), "warroom_changes", a.Fn());
  PgNotifier nb(pgt::ConnInfo(db_), "warroom_changes", b.Fn());
  ASSERT_TRUE(na.Start().ok());
  ASSERT_TRUE(nb.Start().ok());
  na.Send("v1 a incident INC-2026-02-12-001");
  ASSERT_TRUE(b.AtLeast(1));
  ASSERT_TRUE(a.AtLeast(1));  // the sender hears itself; the bus ignores it
  EXPECT_EQ(b.Got(), (std::vector<std::string>{"v1 a incident INC-2026-02-12-001"}));
  nb.Send("v1 b clock ");
  ASSERT_TRUE(a.AtLeast(2));
  EXPECT_EQ(a.Got().back(), "v1 b clock ");
}

TEST_F(PgNotifierTest, ADroppedConnectionIsReopenedAndSaysAnnouncementsMayBeLost) {
  Heard a, b;
  PgNotifier na(pgt::ConnInfo(db_), "warroom_changes", a.Fn());
  PgNotifier nb(pgt::ConnInfo(db_), "warroom_changes", b.Fn());
  ASSERT_TRUE(na.Start().ok());
  ASSERT_TRUE(nb.Start().ok());
  TerminateSessions();
  // Both notice, reconnect and hear "" once each.
  ASSERT_TRUE(a.AtLeast(1));
  ASSERT_TRUE(b.AtLeast(1));
  EXPECT_EQ(a.Got().front(), "");
  EXPECT_GE(na.connections(), 2);
  na.Send("v1 a outbox ");
  ASSERT_TRUE(b.AtLeast(2));
  EXPECT_EQ(b.Got().back(), "v1 a outbox ");
}

TEST_F(PgNotifierTest, AnUnreachableServerFailsTheStart) {
  Heard h;
  PgNotifier n("host=127.0.0.1 port=1 connect_timeout=2 dbname=x user=x", "warroom_changes",
               h.Fn());
  Outcome r = n.Start();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace warroom::store::postgres
