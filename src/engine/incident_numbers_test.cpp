// The incident-id rule on every adapter (the memory twin and SQLite): one
// gap-free sequence per day, INC-2026-02-12-001, -002, ... A declaration
// refused inside a write that goes on and commits (the alert router's, whose
// alerts then wait in triage) takes no number.
#include <gtest/gtest.h>

#include <filesystem>

#include "base/test_dir.hpp"
#include "base/time_zone.hpp"
#include "core/clocks/business_calendar.hpp"
#include "engine/incident_service.hpp"
#include "store/memory/memory_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace warroom::engine {
namespace {

using namespace std::chrono_literals;
namespace cmd = core::commands;

const TimePoint kNow = ParseTime("2026-02-12T14:00:00Z").value();

class IncidentNumbersTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      dir_ = FreshTestDir("numbers");
      auto s = store::sqlite::SqliteStore::Open((dir_ / "t.db").string());
      ASSERT_TRUE(s.ok()) << s.error().message;
      store_ = std::move(*s);
    } else {
      store_ = std::make_unique<store::memory::MemoryStore>();
    }
    core::Policy p = core::DefaultPolicy();
    auto cal = std::make_shared<core::BusinessCalendar>(p.business_hours,
                                                        std::make_shared<FixedOffsetZone>());
    auto policies = std::make_shared<PolicyRegistry>(PolicyEntry{std::move(p), cal});
    incidents_ = std::make_unique<IncidentService>(*store_, clock_, policies);
  }
  void TearDown() override {
    incidents_.reset();
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  static cmd::Declare Declaration(std::string summary) {
    cmd::Declare d;
    d.severity = core::Severity::kP2;
    d.summary = std::move(summary);
    return d;
  }

  // Runs the declaration inside a write that commits whatever it answers, as
  // an integration's route does; its answer.
  Result<std::string> DeclareInCommittingWrite(cmd::Declare d,
                                               std::optional<TimePoint> at = std::nullopt) {
    Result<std::string> id = Error::Internal("not run");
    Outcome w = store_->WriteSync([&](store::WriteTx& tx) -> Outcome {
      auto r = incidents_->ExecuteIn(tx, core::Actor{core::Actor::Kind::kIntegration, "prom"},
                                     Caller{"prom", store::Permission::kAdmin},
                                     CommandRequest{"", d, at});
      if (r.ok()) {
        id = r->view.state.id;
        incidents_->Committed(*r);
      } else {
        id = r.error();
      }
      return Success();  // the write goes on (its alerts would wait in triage)
    });
    EXPECT_TRUE(w.ok()) << w.error().message;
    return id;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::shared_ptr<SimulatedClock> clock_ = std::make_shared<SimulatedClock>(kNow);
  std::unique_ptr<IncidentService> incidents_;
};

TEST_P(IncidentNumbersTest, ARefusedDeclarationInAWriteThatCommitsTakesNoNumber) {
  auto blank = DeclareInCommittingWrite(Declaration(" \f"));
  ASSERT_FALSE(blank.ok());
  EXPECT_EQ(blank.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(blank.error().message, "summary must not be empty");

  cmd::Declare late = Declaration("replication lag");
  late.detected_at = kNow + 1min;  // a sender's clock ahead of warroom's
  auto detected_later = DeclareInCommittingWrite(late);
  ASSERT_FALSE(detected_later.ok());
  EXPECT_EQ(detected_later.error().code, ErrorCode::kInvalidArgument);

  cmd::Declare share = Declaration("replication lag");
  share.impact.customers_affected_pct = 140;
  ASSERT_FALSE(DeclareInCommittingWrite(share).ok());

  auto first = DeclareInCommittingWrite(Declaration("replication lag"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(*first, "INC-2026-02-12-001");
  auto second = DeclareInCommittingWrite(Declaration("checkout is down"));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(*second, "INC-2026-02-12-002");
}

TEST_P(IncidentNumbersTest, EachDayOfDeclarationHasItsOwnSequence) {
  auto today = DeclareInCommittingWrite(Declaration("replication lag"));
  auto yesterday = DeclareInCommittingWrite(Declaration("disk full"), kNow - 24h);
  auto again = DeclareInCommittingWrite(Declaration("checkout is down"));
  ASSERT_TRUE(today.ok() && yesterday.ok() && again.ok());
  EXPECT_EQ(*today, "INC-2026-02-12-001");
  EXPECT_EQ(*yesterday, "INC-2026-02-11-001");
  EXPECT_EQ(*again, "INC-2026-02-12-002");
}

INSTANTIATE_TEST_SUITE_P(Stores, IncidentNumbersTest, ::testing::Values("memory", "sqlite"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace warroom::engine
