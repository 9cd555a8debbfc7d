#include "http/status_page_json.hpp"

#include <gtest/gtest.h>

namespace warroom::http {
namespace {

namespace sp = core::status_page;

TimePoint T(const char* s) { return *ParseTime(s); }

// The database upgrade, 02:00 to 04:00 on the API, and a later one.
std::vector<sp::Maintenance> Maintenances() {
  core::Event a;
  a.incident_id = std::string(core::events::kStatusPageChain);
  a.occurred_at = a.recorded_at = T("2026-02-12T10:00:00Z");
  a.payload = core::events::MaintenanceScheduled{"m1",
                                                 "Database upgrade",
                                                 T("2026-02-13T02:00:00Z"),
                                                 T("2026-02-13T04:00:00Z"),
                                                 {"api"},
                                                 "We will upgrade the database."};
  core::Event b = a;
  b.payload = core::events::MaintenanceScheduled{
      "m2",          "Network work",        T("2026-02-20T02:00:00Z"), T("2026-02-20T03:00:00Z"),
      {"dashboard"}, "Network maintenance."};
  return sp::MaintenancesOf({a, b}, sp::PageSettings::DefaultComponents());
}

boost::json::object Doc(TimePoint now, boost::json::object (StatusPageJson::*doc)() const) {
  sp::PageSettings settings;
  sp::PageView view = sp::BuildPage(settings.rules.components, {}, {}, Maintenances(), now, 7);
  return (StatusPageJson{settings, view, "https://status.example.com"}.*doc)();
}

TEST(StatusPageJson, MaintenancesInStatuspagesShape) {
  auto upcoming = Doc(T("2026-02-12T12:00:00Z"), &StatusPageJson::UpcomingMaintenancesDocument);
  const auto& list = upcoming.at("scheduled_maintenances").as_array();
  ASSERT_EQ(list.size(), 2u);
  const auto& m = list[0].as_object();  // the soonest first
  EXPECT_EQ(m.at("id"), "m1");
  EXPECT_EQ(m.at("status"), "scheduled");
  EXPECT_EQ(m.at("impact"), "maintenance");
  EXPECT_EQ(m.at("scheduled_for"), "2026-02-13T02:00:00Z");
  EXPECT_EQ(m.at("scheduled_until"), "2026-02-13T04:00:00Z");
  EXPECT_EQ(m.at("incident_updates").as_array()[0].as_object().at("body"),
            "We will upgrade the database.");
  EXPECT_EQ(m.at("components").as_array()[0].as_object().at("id"), "api");
  EXPECT_TRUE(m.at("resolved_at").is_null());
  EXPECT_TRUE(Doc(T("2026-02-12T12:00:00Z"), &StatusPageJson::ActiveMaintenancesDocument)
                  .at("scheduled_maintenances")
                  .as_array()
                  .empty());
}

TEST(StatusPageJson, ARunningMaintenanceIsActiveInTheSummaryAndRollsUp) {
  TimePoint during = T("2026-02-13T03:00:00Z");
  auto active = Doc(during, &StatusPageJson::ActiveMaintenancesDocument);
  ASSERT_EQ(active.at("scheduled_maintenances").as_array().size(), 1u);
  auto summary = Doc(during, &StatusPageJson::SummaryDocument);
  const auto& listed = summary.at("scheduled_maintenances").as_array();
  ASSERT_EQ(listed.size(), 2u);  // the running one, then the upcoming one
  EXPECT_EQ(listed[0].as_object().at("status"), "in_progress");
  EXPECT_EQ(listed[1].as_object().at("status"), "scheduled");
  EXPECT_EQ(summary.at("status").as_object().at("indicator"), "maintenance");
  EXPECT_EQ(summary.at("components").as_array()[0].as_object().at("status"), "under_maintenance");
  // Once done: completed in the full list, gone from the summary.
  TimePoint after = T("2026-02-13T05:00:00Z");
  auto all = Doc(after, &StatusPageJson::MaintenancesDocument);
  const auto& done = all.at("scheduled_maintenances").as_array();
  ASSERT_EQ(done.size(), 2u);
  EXPECT_EQ(done[1].as_object().at("status"), "completed");
  EXPECT_EQ(done[1].as_object().at("resolved_at"), "2026-02-13T04:00:00Z");
  EXPECT_EQ(
      Doc(after, &StatusPageJson::SummaryDocument).at("scheduled_maintenances").as_array().size(),
      1u);
}

}  // namespace
}  // namespace warroom::http
