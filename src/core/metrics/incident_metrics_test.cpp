#include "core/metrics/incident_metrics.hpp"

#include <gtest/gtest.h>

#include "core/incident/history_builder.hpp"

namespace warroom::core {
namespace {

namespace c = commands;
using std::chrono::minutes;
TimePoint T(const char* s) { return *ParseTime(s); }

TEST(IncidentMetrics, TheSpecsPirTimeline) {
  HistoryBuilder h;
  c::Declare d;
  d.severity = Severity::kP1;
  d.summary = "Scheduler not executing goals";
  d.detected_at = T("2026-02-12T14:15:00Z");
  ASSERT_TRUE(h.Run(d, T("2026-02-12T14:23:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Acknowledge{}, T("2026-02-12T14:25:00Z")).ok());
  ASSERT_TRUE(
      h.Run(c::Identify{"Memory leak in new code", "deployment"}, T("2026-02-12T14:30:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Mitigate{"Rolled back to v2.3.0"}, T("2026-02-12T14:50:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Resolve{"Scheduler resumed", false, ""}, T("2026-02-12T16:00:00Z")).ok());
  auto m = ComputeMetrics(h.state());
  EXPECT_EQ(*m.mttd.value, minutes(8));
  EXPECT_EQ(*m.mtta.value, minutes(2));
  EXPECT_EQ(*m.mtti.value, minutes(7));
  EXPECT_EQ(*m.mttm.value, minutes(20));
  EXPECT_EQ(*m.mttr.value, minutes(97));
  EXPECT_EQ(*m.impact_duration.value, minutes(35));
  EXPECT_EQ(*m.incident_duration.value, minutes(97));
  EXPECT_FALSE(m.excluded);
}

TEST(IncidentMetrics, ComparesWithThePolicysTargets) {
  HistoryBuilder h;
  c::Declare d;
  d.severity = Severity::kP0;
  d.summary = "API completely down";
  d.detected_at = T("2026-02-12T14:00:00Z");
  ASSERT_TRUE(h.Run(d, T("2026-02-12T14:07:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Acknowledge{}, T("2026-02-12T14:09:00Z")).ok());
  auto m = ComputeMetrics(h.state(), &DefaultPolicy());
  EXPECT_EQ(*m.mttd.target, minutes(5));
  EXPECT_EQ(m.mttd.within_target, false);  // 7 min against < 5 min
  EXPECT_EQ(m.mtta.within_target, true);   // 2 min
  EXPECT_EQ(*m.mttr.target, std::chrono::hours(4));
  EXPECT_FALSE(m.mttr.within_target.has_value());  // not resolved yet
  EXPECT_FALSE(m.mtti.target.has_value());         // the spec sets none
}

TEST(IncidentMetrics, MttmIsUndefinedWhenMitigationPrecedesTheCause) {
  HistoryBuilder h;
  c::Declare d;
  d.summary = "x";
  ASSERT_TRUE(h.Run(d, T("2026-02-12T14:00:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Mitigate{"restart"}, T("2026-02-12T14:10:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Identify{"x", "capacity"}, T("2026-02-12T14:20:00Z")).ok());
  auto m = ComputeMetrics(h.state());
  EXPECT_FALSE(m.mttm.value.has_value());
  EXPECT_NE(m.mttm.undefined_reason.find("before the root cause"), std::string::npos);
  EXPECT_FALSE(m.mttd.value.has_value());
  EXPECT_EQ(*m.mtti.value, minutes(20));
}

TEST(IncidentMetrics, MttrUsesTheLastResolution) {
  HistoryBuilder h;
  c::Declare d;
  d.summary = "x";
  ASSERT_TRUE(h.Run(d, T("2026-02-12T14:00:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Identify{"x", "capacity"}, T("2026-02-12T14:10:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Mitigate{"restart"}, T("2026-02-12T14:20:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Resolve{"ok", false, ""}, T("2026-02-12T15:30:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Reopen{"again"}, T("2026-02-12T16:00:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Mitigate{"restart again"}, T("2026-02-12T16:10:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Resolve{"ok", false, ""}, T("2026-02-12T17:10:00Z")).ok());
  EXPECT_EQ(*ComputeMetrics(h.state()).mttr.value, minutes(190));
}

TEST(IncidentMetrics, DismissedIncidentsAreExcluded) {
  HistoryBuilder h;
  c::Declare d;
  d.summary = "x";
  ASSERT_TRUE(h.Run(d, T("2026-02-12T14:00:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Dismiss{DismissReason::kFalseAlarm, ""}, T("2026-02-12T14:05:00Z")).ok());
  auto m = ComputeMetrics(h.state());
  EXPECT_TRUE(m.excluded);
  EXPECT_FALSE(m.mttr.value.has_value());
}

}  // namespace
}  // namespace warroom::core
