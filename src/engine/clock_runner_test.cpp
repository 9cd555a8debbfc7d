// The clock runner as a module under the runner, on a simulated clock: a
// breach is recorded once its due time has passed, at that time, and not
// before; a resolved incident's acknowledgment never breaches.
#include "engine/clock_runner.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/module_runner.hpp"
#include "engine/module_test_support.hpp"
#include "engine/stored_events.hpp"

namespace warroom::engine {
namespace {

using namespace std::chrono_literals;
using testing::AdvanceBy;
using testing::kStart;

class ClockRunnerTest : public testing::ModuleTest {
 protected:
  void SetUp() override {
    ModuleTest::SetUp();
    clocks_ = std::make_unique<ClockRunner>(*incidents_, clock_);
    incidents_->SetCommitHook(
        [this](const core::IncidentState& s, const std::vector<core::ClockView>& v) {
          clocks_->Schedule(s, v);
        });
    runner_ = std::make_unique<ModuleRunner>(clock_);
    runner_->Add(*clocks_);
    runner_->Start();
  }
  void TearDown() override {
    runner_.reset();
    ModuleTest::TearDown();
    clocks_.reset();
  }
  // The breaches of one clock of an incident.
  std::size_t Breaches(const std::string& id,
                       core::ClockKind kind = core::ClockKind::kAcknowledge) {
    std::size_t n = 0;
    EXPECT_TRUE(store_
                    ->ReadSync([&](store::ReadTx& tx) -> Outcome {
                      WARROOM_ASSIGN_OR_RETURN(auto rows, tx.LoadEvents(id));
                      for (const auto& r : rows) {
                        if (r.type != "clock_breached") continue;
                        auto e = FromStored(r);
                        if (e.ok() &&
                            std::get<core::events::ClockBreached>(e->payload).clock == kind)
                          ++n;
                      }
                      return Success();
                    })
                    .ok());
    return n;
  }

  std::unique_ptr<ClockRunner> clocks_;
  std::unique_ptr<ModuleRunner> runner_;
};

TEST_F(ClockRunnerTest, AnAcknowledgmentBreachesOnceItsDueTimeHasPassedAndNotBefore) {
  auto p1 = Declare(core::Severity::kP1);  // acknowledge within 15 minutes
  ASSERT_TRUE(p1.ok()) << p1.error().message;
  EXPECT_GE(clocks_->scheduled(), 1u);
  ASSERT_TRUE(AdvanceBy(*runner_, 15min).ok());
  EXPECT_EQ(Breaches(p1->state.id), 0u) << "due at 14:15 exactly: not yet past";
  ASSERT_TRUE(AdvanceBy(*runner_, 1s).ok());
  EXPECT_EQ(Breaches(p1->state.id), 1u);
  ASSERT_TRUE(AdvanceBy(*runner_, 1h).ok());
  EXPECT_EQ(Breaches(p1->state.id), 1u) << "once";
}

TEST_F(ClockRunnerTest, OneLongAdvanceRecordsEachBreachAtItsOwnDueTime) {
  auto p0 = Declare(core::Severity::kP0);  // acknowledge within 5 minutes
  auto p1 = Declare(core::Severity::kP1);  // within 15
  ASSERT_TRUE(p0.ok() && p1.ok());
  ASSERT_TRUE(AdvanceBy(*runner_, 2h).ok());
  EXPECT_GE(Breaches(p0->state.id), 1u);
  EXPECT_GE(Breaches(p1->state.id), 1u);
  // The first breach was recorded with the clock at its due time, not at 16:00.
  TimePoint recorded{};
  ASSERT_TRUE(store_
                  ->ReadSync([&](store::ReadTx& tx) -> Outcome {
                    WARROOM_ASSIGN_OR_RETURN(auto rows, tx.LoadEvents(p0->state.id));
                    for (const auto& r : rows)
                      if (r.type == "clock_breached" && recorded == TimePoint{})
                        recorded = r.recorded_at;
                    return Success();
                  })
                  .ok());
  EXPECT_GT(recorded, kStart);
  EXPECT_LE(recorded, kStart + 5min + 1s);
}

TEST_F(ClockRunnerTest, TickAnswersJustAfterTheEarliestDueTimeOrWhenWoken) {
  ClockRunner idle(*incidents_, clock_);
  auto none = idle.Tick(clock_->Now());
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->at.has_value());
  auto p0 = Declare(core::Severity::kP0);
  ASSERT_TRUE(p0.ok());
  idle.Schedule(p0->state, p0->clocks);
  std::optional<TimePoint> earliest;
  for (const auto& c : p0->clocks)
    if (c.status == core::ClockStatus::kPending && c.due_at && (!earliest || *c.due_at < *earliest))
      earliest = c.due_at;
  ASSERT_TRUE(earliest.has_value());
  auto next = idle.Tick(clock_->Now());
  ASSERT_TRUE(next.ok());
  ASSERT_TRUE(next->at.has_value());
  EXPECT_GT(*next->at, *earliest) << "a breach is due strictly after its due time";
  EXPECT_LT(*next->at, *earliest + 1ms);
}

}  // namespace
}  // namespace warroom::engine
