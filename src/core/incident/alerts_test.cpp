// Alert groups on an incident's timeline: attached once while they fire,
// again as a recurrence, resolved per group; never by people.
#include <gtest/gtest.h>

#include "core/incident/history_builder.hpp"

namespace warroom::core {
namespace {

namespace c = commands;

TimePoint T(const char* s) { return *ParseTime(s); }
const Actor kProm{Actor::Kind::kIntegration, "prom"};

c::AttachAlerts Group(const char* key, std::int64_t alerts = 2) {
  events::AlertGroupAttached g;
  g.integration = "prom";
  g.group_key = key;
  g.summary = "API returns 503";
  g.alerts = alerts;
  g.first_started_at = T("2026-02-12T14:10:00Z");
  return c::AttachAlerts{g};
}

c::RecordAlertsResolved Resolved(const char* key, std::int64_t group_firing, std::int64_t firing) {
  return c::RecordAlertsResolved{events::AlertsResolved{"prom", key, 1, group_firing, firing}};
}

HistoryBuilder Declared() {
  HistoryBuilder h;
  c::Declare d;
  d.severity = Severity::kP1;
  d.summary = "API returns 503";
  EXPECT_TRUE(h.RunAs(d, T("2026-02-12T14:15:00Z"), kProm).ok());
  return h;
}

TEST(AlertGroups, AttachedOnceWhileFiringAndOnlyByTheRouter) {
  auto h = Declared();
  EXPECT_EQ(h.state().Commander(), "");  // an integration declares; a person takes command
  ASSERT_TRUE(h.RunAs(Group("g1"), T("2026-02-12T14:15:00Z"), kProm).ok());
  auto again = h.RunAs(Group("g1"), T("2026-02-12T14:16:00Z"), kProm);
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  ASSERT_TRUE(h.RunAs(Group("g2", 1), T("2026-02-12T14:17:00Z"), kProm).ok());
  ASSERT_EQ(h.state().alert_groups.size(), 2u);
  EXPECT_FALSE(std::get<events::AlertGroupAttached>(h.history().back().payload).recurrence);
  auto by_person = h.Run(Group("g3"), T("2026-02-12T14:18:00Z"), "sarah", true);
  EXPECT_EQ(by_person.error().code, ErrorCode::kPermissionDenied);
  auto resolve_by_person = h.Run(Resolved("g1", 0, 1), T("2026-02-12T14:18:00Z"), "sarah", true);
  EXPECT_EQ(resolve_by_person.error().code, ErrorCode::kPermissionDenied);
  // An integration's acknowledgment is not a person engaging.
  EXPECT_FALSE(h.RunAs(c::Acknowledge{}, T("2026-02-12T14:19:00Z"), kProm).ok());
  EXPECT_FALSE(h.state().first_acknowledged_at.has_value());
}

TEST(AlertGroups, ResolvedGroupsAndRecurrence) {
  auto h = Declared();
  ASSERT_TRUE(h.RunAs(Group("g1"), T("2026-02-12T14:15:00Z"), kProm).ok());
  EXPECT_EQ(h.RunAs(Resolved("nope", 0, 0), T("2026-02-12T14:20:00Z"), kProm).error().code,
            ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(h.RunAs(Resolved("g1", 1, 1), T("2026-02-12T14:20:00Z"), kProm).ok());
  EXPECT_TRUE(h.state().alert_groups[0].firing);
  ASSERT_TRUE(h.RunAs(Resolved("g1", 0, 0), T("2026-02-12T14:21:00Z"), kProm).ok());
  EXPECT_FALSE(h.state().alert_groups[0].firing);
  EXPECT_EQ(h.state().status, Status::kInvestigating);  // people resolve incidents
  // The group fires again: attached anew, as a recurrence.
  ASSERT_TRUE(h.RunAs(Group("g1", 1), T("2026-02-12T14:30:00Z"), kProm).ok());
  EXPECT_TRUE(std::get<events::AlertGroupAttached>(h.history().back().payload).recurrence);
  EXPECT_TRUE(h.state().alert_groups[0].firing);
  // While monitoring, even a firing group's new alerts are news.
  ASSERT_TRUE(h.Run(c::Mitigate{"Rolled back"}, T("2026-02-12T14:40:00Z")).ok());
  ASSERT_TRUE(h.RunAs(Group("g1", 1), T("2026-02-12T14:45:00Z"), kProm).ok());
  EXPECT_TRUE(std::get<events::AlertGroupAttached>(h.history().back().payload).recurrence);
}

TEST(AlertGroups, ClosedIncidentsTakeNoAlerts) {
  auto h = Declared();
  ASSERT_TRUE(
      h.Run(c::Dismiss{DismissReason::kFalseAlarm, ""}, T("2026-02-12T14:20:00Z"), "sarah", true)
          .ok());
  EXPECT_EQ(h.RunAs(Group("g1"), T("2026-02-12T14:21:00Z"), kProm).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(h.RunAs(Resolved("g1", 0, 0), T("2026-02-12T14:21:00Z"), kProm).error().code,
            ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace warroom::core
