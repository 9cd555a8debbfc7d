#include "core/status_page/maintenance.hpp"

#include <gtest/gtest.h>

#include "core/status_page/page.hpp"

namespace warroom::core::status_page {
namespace {

TimePoint T(const char* s) { return *ParseTime(s); }

const std::vector<Component> kComponents{{"api", "API", "", ""},
                                         {"dashboard", "Dashboard", "", ""}};

Event At(const char* at, EventPayload p) {
  Event e;
  e.incident_id = std::string(events::kStatusPageChain);
  e.occurred_at = e.recorded_at = T(at);
  e.actor = Actor::User("carol");
  e.payload = std::move(p);
  return e;
}

// The database upgrade, 02:00 to 04:00 on the API (and a component since
// removed from the configuration).
Event Scheduled(const char* id = "m1") {
  return At("2026-02-12T10:00:00Z", events::MaintenanceScheduled{id,
                                                                 "Database upgrade",
                                                                 T("2026-02-13T02:00:00Z"),
                                                                 T("2026-02-13T04:00:00Z"),
                                                                 {"api", "gone"},
                                                                 "We will upgrade the database."});
}

Event Updated(const char* at, std::string status, std::string body,
              std::optional<TimePoint> until = std::nullopt, const char* id = "m1") {
  return At(at, events::MaintenanceUpdated{id, std::move(status), std::move(body), until});
}

TEST(Maintenance, FollowsItsWindowWithoutAWord) {
  auto ms = MaintenancesOf({Scheduled()}, kComponents);
  ASSERT_EQ(ms.size(), 1u);
  const Maintenance& m = ms[0];
  EXPECT_EQ(m.components, std::vector<std::string>{"api"});
  EXPECT_EQ(m.StatusAt(T("2026-02-13T01:59:59Z")), MaintenanceStatus::kScheduled);
  EXPECT_EQ(m.StatusAt(T("2026-02-13T02:00:00Z")), MaintenanceStatus::kInProgress);
  EXPECT_EQ(m.StatusAt(T("2026-02-13T04:00:00Z")), MaintenanceStatus::kCompleted);
  EXPECT_EQ(m.StatusChangedAt(T("2026-02-13T05:00:00Z")), T("2026-02-13T04:00:00Z"));
  ASSERT_EQ(m.updates.size(), 1u);
  EXPECT_EQ(m.updates[0].status, "scheduled");
  EXPECT_EQ(m.Contributions(),
            (std::vector<Contribution>{{"api", ComponentStatus::kUnderMaintenance,
                                        T("2026-02-13T02:00:00Z"), T("2026-02-13T04:00:00Z")}}));
}

TEST(Maintenance, StartedEarlyVerifiedAndCompletedEarlyByPeople) {
  auto ms = MaintenancesOf({Scheduled(), Updated("2026-02-13T01:50:00Z", "in_progress", "Starting"),
                            Updated("2026-02-13T03:00:00Z", "verifying", "Checking"),
                            Updated("2026-02-13T03:10:00Z", "completed", "Done")},
                           kComponents);
  const Maintenance& m = ms[0];
  EXPECT_EQ(m.StartsAt(), T("2026-02-13T01:50:00Z"));
  EXPECT_EQ(m.StatusAt(T("2026-02-13T01:55:00Z")), MaintenanceStatus::kInProgress);
  EXPECT_EQ(m.StatusAt(T("2026-02-13T03:05:00Z")), MaintenanceStatus::kVerifying);
  EXPECT_EQ(m.StatusAt(T("2026-02-13T03:10:00Z")), MaintenanceStatus::kCompleted);
  EXPECT_EQ(m.EndsAt(), T("2026-02-13T03:10:00Z"));
  ASSERT_EQ(m.updates.size(), 4u);  // newest first, each with the status it made
  EXPECT_EQ(m.updates[0].status, "completed");
  EXPECT_EQ(m.updates[1].status, "verifying");
  EXPECT_EQ(m.updates[2].status, "in_progress");
  EXPECT_EQ(m.updated_at, T("2026-02-13T03:10:00Z"));
}

TEST(Maintenance, AnOverrunMovesTheEndAndACompletionIsFinal) {
  auto ms = MaintenancesOf(
      {Scheduled(), Updated("2026-02-13T03:50:00Z", "", "One more hour", T("2026-02-13T05:00:00Z")),
       Updated("2026-02-13T04:30:00Z", "completed", "Done"),
       Updated("2026-02-13T04:40:00Z", "in_progress", "Oops", T("2026-02-13T06:00:00Z"))},
      kComponents);
  const Maintenance& m = ms[0];
  EXPECT_EQ(m.scheduled_until, T("2026-02-13T05:00:00Z"));
  EXPECT_EQ(m.StatusAt(T("2026-02-13T04:10:00Z")), MaintenanceStatus::kInProgress);
  EXPECT_EQ(m.StatusAt(T("2026-02-13T04:45:00Z")), MaintenanceStatus::kCompleted);
  EXPECT_EQ(m.updates[0].status, "completed");  // the late word is kept, the window not reopened
  EXPECT_EQ(m.updates[0].body, "Oops");
}

TEST(Maintenance, CalledOffBeforeItBeganHoldsNothing) {
  auto ms = MaintenancesOf({Scheduled(), Updated("2026-02-12T12:00:00Z", "completed", "Cancelled")},
                           kComponents);
  EXPECT_EQ(ms[0].StatusAt(T("2026-02-12T12:00:00Z")), MaintenanceStatus::kCompleted);
  EXPECT_TRUE(ms[0].Contributions().empty());
}

TEST(Maintenance, UnknownUpdatesAndStatusesAreSkipped) {
  auto ms = MaintenancesOf({Updated("2026-02-12T09:00:00Z", "in_progress", "?", std::nullopt, "m0"),
                            Scheduled(), Updated("2026-02-13T02:30:00Z", "on_fire", "?")},
                           kComponents);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].updates.size(), 1u);
  EXPECT_FALSE(ParseMaintenanceUpdateStatus("scheduled").ok());
}

TEST(Maintenance, OnThePageItHoldsItsComponentsUnderAnIncidentsWorse) {
  auto ms = MaintenancesOf({Scheduled()}, kComponents);
  PageView before = BuildPage(kComponents, {}, {}, ms, T("2026-02-13T01:00:00Z"), 2);
  EXPECT_EQ(before.indicator, Indicator::kNone);
  EXPECT_EQ(before.MaintenancesIn(MaintenanceStatus::kScheduled).size(), 1u);
  PageView during = BuildPage(kComponents, {}, {}, ms, T("2026-02-13T03:00:00Z"), 2);
  EXPECT_EQ(during.components[0].status, ComponentStatus::kUnderMaintenance);
  EXPECT_EQ(during.components[1].status, ComponentStatus::kOperational);
  EXPECT_EQ(during.indicator, Indicator::kMaintenance);
  EXPECT_EQ(during.description, "Service Under Maintenance");
  EXPECT_EQ(during.ActiveMaintenances().size(), 1u);
  EXPECT_EQ(during.components[0].days.back().uptime, 1.0);  // maintenance is not downtime
  // An outage during it shows over it.
  PublicIncident outage;
  outage.created_at = T("2026-02-13T02:30:00Z");
  outage.resolved_at = T("2026-02-13T02:50:00Z");
  outage.contributions = {
      {"api", ComponentStatus::kMajorOutage, T("2026-02-13T02:30:00Z"), T("2026-02-13T02:50:00Z")}};
  PageView hit = BuildPage(kComponents, {outage}, {}, ms, T("2026-02-13T02:40:00Z"), 2);
  EXPECT_EQ(hit.components[0].status, ComponentStatus::kMajorOutage);
  PageView after = BuildPage(kComponents, {outage}, {}, ms, T("2026-02-13T05:00:00Z"), 2);
  EXPECT_EQ(after.components[0].status, ComponentStatus::kOperational);
  EXPECT_EQ(after.MaintenancesIn(MaintenanceStatus::kCompleted).size(), 1u);
  // Long after its window it leaves the page's history.
  PageView later = BuildPage(kComponents, {}, {}, ms, T("2026-06-01T00:00:00Z"), 90);
  EXPECT_TRUE(later.maintenances.empty());
}

}  // namespace
}  // namespace warroom::core::status_page
