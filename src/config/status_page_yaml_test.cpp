#include "config/status_page_yaml.hpp"

#include <gtest/gtest.h>

namespace warroom::config {
namespace {

namespace sp = core::status_page;

std::string All(const std::vector<Problem>& problems) {
  std::string s;
  for (const auto& p : problems) s += p.ToString() + "\n";
  return s;
}

TEST(StatusPageYaml, WithoutTheSectionTheDefaultsStand) {
  auto c = LoadStatusPageConfig("organisation: ACME\n", "w.yaml");
  EXPECT_TRUE(c.problems.empty()) << All(c.problems);
  EXPECT_EQ(c.page.name, "Status");
  EXPECT_EQ(c.page.history_days, 90);
  ASSERT_EQ(c.page.rules.components.size(), 4u);
  EXPECT_EQ(c.page.rules.components[0].id, "api");
  EXPECT_EQ(c.page.rules.component_status.at(core::Severity::kP0),
            sp::ComponentStatus::kMajorOutage);
}

TEST(StatusPageYaml, ReadsEverySetting) {
  auto c = LoadStatusPageConfig(R"(status_page:
  name: ACME Status
  url: https://status.acme.example/
  logo_url: https://acme.example/logo.svg
  time_zone: Europe/Berlin
  history_days: 30
  links: [{name: Support, url: "https://acme.example/support"}]
  components:
    - {id: api, name: API, group: Platform, description: The REST API}
    - {id: web, name: Website}
  severity_status: {P2: partial_outage}
  severity_impact: {P3: none}
  restricted_incident_name: Security notice
)",
                                "w.yaml");
  ASSERT_TRUE(c.problems.empty()) << All(c.problems);
  EXPECT_EQ(c.page.name, "ACME Status");
  EXPECT_EQ(c.page.url, "https://status.acme.example");
  EXPECT_EQ(c.page.time_zone, "Europe/Berlin");
  EXPECT_EQ(c.page.history_days, 30);
  EXPECT_EQ(c.page.links, (std::vector<sp::Link>{{"Support", "https://acme.example/support"}}));
  ASSERT_EQ(c.page.rules.components.size(), 2u);
  EXPECT_EQ(c.page.rules.components[0], (sp::Component{"api", "API", "Platform", "The REST API"}));
  EXPECT_EQ(c.page.rules.components[1].group, "");
  EXPECT_EQ(c.page.rules.component_status.at(core::Severity::kP2),
            sp::ComponentStatus::kPartialOutage);
  EXPECT_EQ(c.page.rules.impact.at(core::Severity::kP3), sp::Impact::kNone);
  EXPECT_EQ(c.page.rules.restricted_name, "Security notice");
}

TEST(StatusPageYaml, EveryProblemIsReportedWithItsLineAndKey) {
  auto c = LoadStatusPageConfig(R"(status_page:
  colour: blue
  url: javascript:alert(1)
  time_zone: Mars/Olympus
  history_days: 0
  components:
    - {id: "Bad Id", name: X}
    - {id: api}
    - {id: api}
    - plain
  severity_status: {P9: major_outage, P1: down}
  restricted_incident_name: ""
)",
                                "w.yaml");
  std::string all = All(c.problems);
  EXPECT_NE(all.find("w.yaml:2: status_page.colour: unknown key"), std::string::npos) << all;
  EXPECT_NE(all.find("w.yaml:3: status_page.url"), std::string::npos) << all;
  EXPECT_NE(all.find("w.yaml:4: status_page.time_zone"), std::string::npos) << all;
  EXPECT_NE(all.find("w.yaml:5: status_page.history_days"), std::string::npos) << all;
  EXPECT_NE(all.find("status_page.components[0].id"), std::string::npos) << all;
  EXPECT_NE(all.find("'api' is listed twice"), std::string::npos) << all;
  EXPECT_NE(all.find("status_page.components[3]"), std::string::npos) << all;
  EXPECT_NE(all.find("status_page.severity_status.P9"), std::string::npos) << all;
  EXPECT_NE(all.find("status_page.severity_status.P1"), std::string::npos) << all;
  EXPECT_NE(all.find("status_page.restricted_incident_name"), std::string::npos) << all;
  // What was good is kept.
  ASSERT_EQ(c.page.rules.components.size(), 1u);
  EXPECT_EQ(c.page.rules.components[0].name, "api");
}

}  // namespace
}  // namespace warroom::config
