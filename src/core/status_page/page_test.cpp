#include "core/status_page/page.hpp"

#include <gtest/gtest.h>

namespace warroom::core::status_page {
namespace {

TimePoint T(const char* s) { return *ParseTime(s); }

const std::vector<Component> kComponents{{"api", "API", "Platform", ""},
                                         {"dashboard", "Dashboard", "Platform", ""}};

PublicRules Rules() {
  PublicRules r;
  r.components = kComponents;
  return r;
}

// A P1 on the API, declared 14:00 (impact from 13:50), published 14:10,
// mitigated 15:00, resolved 16:00.
std::vector<Event> History(Visibility visibility = Visibility::kPublic, bool publish = true) {
  std::vector<Event> h;
  auto add = [&](const char* at, EventPayload p) {
    Event e;
    e.incident_id = "INC-2026-02-12-001";
    e.incident_seq = static_cast<std::int64_t>(h.size()) + 1;
    e.occurred_at = e.recorded_at = T(at);
    e.payload = std::move(p);
    h.push_back(std::move(e));
  };
  events::Declared d;
  d.severity = Severity::kP1;
  d.summary = "API errors";
  d.visibility = visibility;
  d.impact.affected_components = std::vector<std::string>{"api", "Billing"};
  d.impact.impact_start = T("2026-02-12T13:50:00Z");
  add("2026-02-12T14:00:00Z", d);
  add("2026-02-12T14:05:00Z", events::UpdatePosted{Audience::kInternal, "internal only", ""});
  if (publish)
    add("2026-02-12T14:10:00Z", events::UpdatePosted{Audience::kStatusPage, "Investigating: errors",
                                                     "status-investigating"});
  add("2026-02-12T15:00:00Z", events::Mitigated{"rolled back"});
  add("2026-02-12T16:00:00Z", events::Resolved{"fixed", false, ""});
  return h;
}

TEST(PublicIncident, OnlyStatusPageUpdatesShowAndTheOutageCountsFromTheImpactStart) {
  auto p = PublicIncidentOf(History(), Rules(), "k3j9");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->slug, "k3j9");
  EXPECT_EQ(p->name, "API errors");
  EXPECT_EQ(p->status, "resolved");
  EXPECT_EQ(p->impact, Impact::kMajor);
  EXPECT_EQ(p->components, std::vector<std::string>{"api"});  // Billing is not a component
  ASSERT_EQ(p->updates.size(), 1u);
  EXPECT_EQ(p->updates[0],
            (PublicUpdate{"investigating", "Investigating: errors", T("2026-02-12T14:10:00Z")}));
  EXPECT_EQ(p->created_at, T("2026-02-12T14:10:00Z"));
  EXPECT_EQ(p->resolved_at, T("2026-02-12T16:00:00Z"));
  ASSERT_EQ(p->contributions.size(), 1u);
  EXPECT_EQ(p->contributions[0],
            (Contribution{"api", ComponentStatus::kPartialOutage, T("2026-02-12T13:50:00Z"),
                          T("2026-02-12T15:00:00Z")}));
}

TEST(PublicIncident, NothingPublishedIsNotPublic) {
  EXPECT_FALSE(PublicIncidentOf(History(Visibility::kPublic, false), Rules(), "a").has_value());
  EXPECT_FALSE(PublicIncidentOf(History(Visibility::kRestricted, false), Rules(), "a").has_value());
}

TEST(PublicIncident, ARestrictedIncidentShowsOnlyItsStatementsUnderANeutralName) {
  auto p = PublicIncidentOf(History(Visibility::kRestricted), Rules(), "r");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->name, "Security incident");  // never its summary
  EXPECT_EQ(p->status, "resolved");
  EXPECT_EQ(p->impact, Impact::kNone);
  EXPECT_TRUE(p->components.empty());
  EXPECT_TRUE(p->contributions.empty());  // no part in the uptime
  ASSERT_EQ(p->updates.size(), 1u);
  EXPECT_EQ(p->updates[0].body, "Investigating: errors");
  EXPECT_EQ(p->started_at, T("2026-02-12T14:10:00Z"));
  PublicRules named = Rules();
  named.restricted_name = "Security notice";
  EXPECT_EQ(PublicIncidentOf(History(Visibility::kRestricted), named, "r")->name,
            "Security notice");
}

TEST(PublicIncident, WhatWasPublishedBeforeAnIncidentWasRestrictedIsWithdrawn) {
  std::vector<Event> h = History();
  Event restricted = h.back();
  restricted.incident_seq += 1;
  restricted.payload = events::VisibilityChanged{Visibility::kRestricted, "legal review"};
  h.push_back(restricted);
  EXPECT_FALSE(PublicIncidentOf(h, Rules(), "a").has_value());
  Event statement = restricted;
  statement.incident_seq += 1;
  statement.payload = events::UpdatePosted{
      Audience::kStatusPage,
      "A statement",
      "",
  };
  h.push_back(statement);
  auto p = PublicIncidentOf(h, Rules(), "a");
  ASSERT_TRUE(p.has_value());
  ASSERT_EQ(p->updates.size(), 1u);
  EXPECT_EQ(p->updates[0].body, "A statement");
}

TEST(StatusAt, AnIncidentsOutageEndsWithItUnlessAPersonSetOneMeanwhile) {
  std::vector<PublicIncident> incidents{*PublicIncidentOf(History(), Rules(), "s")};
  std::vector<ManualStatus> none;
  EXPECT_EQ(StatusAt("api", incidents, none, T("2026-02-12T13:40:00Z")),
            ComponentStatus::kOperational);
  EXPECT_EQ(StatusAt("api", incidents, none, T("2026-02-12T14:30:00Z")),
            ComponentStatus::kPartialOutage);
  EXPECT_EQ(StatusAt("api", incidents, none, T("2026-02-12T15:30:00Z")),
            ComponentStatus::kOperational);
  EXPECT_EQ(StatusAt("dashboard", incidents, none, T("2026-02-12T14:30:00Z")),
            ComponentStatus::kOperational);
  // Set during the incident: it wins then, and stays after.
  std::vector<ManualStatus> during{
      {"api", ComponentStatus::kMajorOutage, T("2026-02-12T14:20:00Z"), "sarah"}};
  EXPECT_EQ(StatusAt("api", incidents, during, T("2026-02-12T14:30:00Z")),
            ComponentStatus::kMajorOutage);
  EXPECT_EQ(StatusAt("api", incidents, during, T("2026-02-12T17:00:00Z")),
            ComponentStatus::kMajorOutage);
  // Set before it: the incident wins while it holds, then that comes back.
  std::vector<ManualStatus> before{
      {"api", ComponentStatus::kUnderMaintenance, T("2026-02-12T10:00:00Z"), "sarah"}};
  EXPECT_EQ(StatusAt("api", incidents, before, T("2026-02-12T14:30:00Z")),
            ComponentStatus::kPartialOutage);
  EXPECT_EQ(StatusAt("api", incidents, before, T("2026-02-12T17:00:00Z")),
            ComponentStatus::kUnderMaintenance);
}

TEST(BuildPage, TheDayOfAnOutageShowsItsUptimeAndTheRollUpFollowsUnresolvedIncidents) {
  std::vector<PublicIncident> incidents{*PublicIncidentOf(History(), Rules(), "s")};
  PageView v = BuildPage(kComponents, incidents, {}, {}, T("2026-02-13T12:00:00Z"), 3);
  ASSERT_EQ(v.components.size(), 2u);
  const ComponentView& api = v.components[0];
  EXPECT_EQ(api.status, ComponentStatus::kOperational);
  ASSERT_EQ(api.days.size(), 3u);
  EXPECT_EQ(api.days[1].day, T("2026-02-12T00:00:00Z"));
  EXPECT_EQ(api.days[1].partial, std::chrono::minutes(70));
  EXPECT_EQ(api.days[1].worst, ComponentStatus::kPartialOutage);
  EXPECT_NEAR(api.days[1].uptime, 1.0 - 0.3 * 70.0 / (24 * 60), 1e-9);
  EXPECT_DOUBLE_EQ(api.days[2].uptime, 1.0);  // today, so far
  EXPECT_EQ(v.components[1].days[1].uptime, 1.0);
  EXPECT_EQ(v.indicator, Indicator::kNone);
  EXPECT_EQ(v.description, "All Systems Operational");
  EXPECT_TRUE(v.unresolved.empty());
  EXPECT_EQ(v.incidents.size(), 1u);

  PageView during = BuildPage(kComponents, incidents, {}, {}, T("2026-02-12T14:30:00Z"), 1);
  EXPECT_EQ(during.components[0].status, ComponentStatus::kPartialOutage);
  EXPECT_EQ(during.indicator, Indicator::kMajor);
  EXPECT_EQ(during.description, "Partial System Outage");
}

TEST(BuildPage, MaintenanceAloneRollsUpAsMaintenance) {
  std::vector<ManualStatus> m{
      {"dashboard", ComponentStatus::kUnderMaintenance, T("2026-02-12T10:00:00Z"), "sarah"}};
  PageView v = BuildPage(kComponents, {}, m, {}, T("2026-02-12T11:00:00Z"), 1);
  EXPECT_EQ(v.indicator, Indicator::kMaintenance);
  EXPECT_EQ(v.description, "Service Under Maintenance");
  EXPECT_EQ(v.components[1].updated_at, T("2026-02-12T10:00:00Z"));
}

TEST(ComponentStatusNames, ReadBothWaysAndAnUnknownOneNamesTheChoices) {
  for (auto s : {ComponentStatus::kOperational, ComponentStatus::kUnderMaintenance,
                 ComponentStatus::kDegradedPerformance, ComponentStatus::kPartialOutage,
                 ComponentStatus::kMajorOutage})
    EXPECT_EQ(*ParseComponentStatus(ComponentStatusName(s)), s);
  auto bad = ParseComponentStatus("down");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("partial_outage"), std::string::npos);
}

}  // namespace
}  // namespace warroom::core::status_page
