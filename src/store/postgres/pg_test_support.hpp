#pragma once

// Databases for tests on PostgreSQL: the test cluster is named by
// WARROOM_TEST_POSTGRES (a libpq connection string without a database;
// scripts/test starts one with scripts/pg-test-cluster), and each case gets
// a database of its own, copied from a template that holds the migrations
// (created once per schema, by whichever test gets there first).
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "store/postgres/pg.hpp"

namespace warroom::store::postgres::testing {

// The test cluster's connection string, or "" when none is set.
inline std::string TestCluster() {
  const char* v = std::getenv("WARROOM_TEST_POSTGRES");
  return v ? v : "";
}

// Why PostgreSQL cases cannot run ("" when they can). With
// WARROOM_REQUIRE_POSTGRES set (make test sets it) a missing cluster is a
// failure, not a skip.
inline std::string Unavailable() {
  if (!TestCluster().empty()) return "";
  return "no PostgreSQL test cluster: set WARROOM_TEST_POSTGRES (scripts/pg-test-cluster start "
         "DIR prints one; make test starts it)";
}
inline bool Required() { return std::getenv("WARROOM_REQUIRE_POSTGRES") != nullptr; }

inline std::string ConnInfo(const std::string& database) {
  return TestCluster() + " dbname=" + database;
}

// Creates an empty, migrated database and answers its name.
inline Result<std::string> CreateDatabase() {
  static std::atomic<int> counter{0};
  WARROOM_ASSIGN_OR_RETURN(auto admin, Connection::Open(ConnInfo("postgres")));
  const std::string tmpl = "warroom_template_" + SchemaFingerprint();
  // One creator of the template at a time; it appears, complete, by a rename.
  WARROOM_RETURN_IF_ERROR(admin->Script("SELECT pg_advisory_lock(7777001)"));
  Params p;
  auto found = admin->Query("SELECT 1 FROM pg_database WHERE datname = " + p.Text(tmpl), p);
  Outcome made = found.ok() ? Success() : Outcome(found.error());
  if (made.ok() && found->empty()) {
    std::string building = tmpl + "_building";
    made = admin->Script("DROP DATABASE IF EXISTS " + building + " WITH (FORCE)");
    if (made.ok()) made = admin->Script("CREATE DATABASE " + building);
    if (made.ok()) {
      auto c = Connection::Open(ConnInfo(building));
      made = c.ok() ? Migrate(**c) : Outcome(c.error());
    }
    if (made.ok()) made = admin->Script("ALTER DATABASE " + building + " RENAME TO " + tmpl);
  }
  (void)admin->Script("SELECT pg_advisory_unlock(7777001)");
  WARROOM_RETURN_IF_ERROR(made);
  std::string name =
      "warroom_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1));
  (void)admin->Script("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  // A copy fails while another session is still connected to the template
  // (one that just finished migrating it is on its way out): retry briefly.
  for (int attempt = 0;; ++attempt) {
    Outcome r = admin->Script("CREATE DATABASE " + name + " TEMPLATE " + tmpl);
    if (r.ok()) return name;
    if (attempt >= 50) return r.error();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

inline Outcome DropDatabase(const std::string& name) {
  WARROOM_ASSIGN_OR_RETURN(auto admin, Connection::Open(ConnInfo("postgres")));
  return admin->Script("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

// A test case with a database of its own (skipped without a test cluster,
// failed when one is required).
class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string why = Unavailable(); !why.empty()) {
      if (Required()) FAIL() << why;
      GTEST_SKIP() << why;
    }
    auto name = CreateDatabase();
    ASSERT_TRUE(name.ok()) << name.error().message;
    db_ = *name;
  }
  void TearDown() override {
    if (!db_.empty()) EXPECT_TRUE(DropDatabase(db_).ok());
  }
  // Ends every session of the test's database but the caller's own: what a
  // restarted or failed-over server does to its clients.
  void TerminateSessions() {
    auto admin = Connection::Open(ConnInfo("postgres"));
    ASSERT_TRUE(admin.ok()) << admin.error().message;
    Params p;
    auto r = (*admin)->Query(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = " +
            p.Text(db_),
        p);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_GT(r->Int(0, 0), 0);
  }
  std::string db_;
};

// A test database and one connection to it (conn_), for tests of the
// adapter's statements below the store.
class ConnectionTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto c = Connection::Open(ConnInfo(db_));
    ASSERT_TRUE(c.ok()) << c.error().message;
    conn_ = std::move(*c);
  }
  std::unique_ptr<Connection> conn_;
};

}  // namespace warroom::store::postgres::testing
