#include "config/ingest_yaml.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace warroom::config {
namespace {

// Found by fuzz/ingest_config.cpp: a value with a backslash or a quote was
// printed unescaped, so the printed matcher read back as another value.
TEST(IngestYaml, AMatcherPrintsAsTextThatReadsBackToIt) {
  for (const char* text : {R"(a="x\\y")", R"(a="say \"hi\"")", R"(a=~"x\\.y")", R"(a!="\\")",
                           R"(a="end\\")", "a=plain"}) {
    std::string error;
    auto m = ParseMatcher(text, &error);
    ASSERT_TRUE(m) << text << ": " << error;
    auto again = ParseMatcher(m->ToString(), &error);
    ASSERT_TRUE(again) << m->ToString() << ": " << error;
    EXPECT_EQ(again->value, m->value) << text << " printed as " << m->ToString();
    EXPECT_EQ(again->op, m->op);
  }
  std::string error;
  EXPECT_EQ(ParseMatcher(R"(a="x\\y")", &error)->ToString(), R"(a="x\\y")");
}

TEST(IngestYaml, ParsesRoutesInOrderWithTheirSeverities) {
  auto c = LoadIngestConfig(R"(
alert_routing:
  recurrence_window: 30m
  routes:
    - name: critical
      matchers: ['severity="critical"', 'env != staging', 'team=~"db|storage"']
      action: declare
      severity: P0
    - name: mapped
      matchers: ['severity=~"error|warning"']
      action: declare
      severity_map: {error: P1, warning: P2}
    - name: impact
      action: declare
      severity: classify
      default_severity: P2
      source: security-alert
    - name: context
      matchers: ['kind="context"']
      action: attach
)",
                            "w.yaml");
  ASSERT_TRUE(c.problems.empty()) << c.problems.front().ToString();
  EXPECT_EQ(c.routing.recurrence_window, std::chrono::minutes(30));
  ASSERT_EQ(c.routing.routes.size(), 4u);
  const auto& crit = c.routing.routes[0];
  EXPECT_EQ(crit.action, core::RouteAction::kDeclare);
  EXPECT_EQ(crit.severity.fixed, core::Severity::kP0);
  ASSERT_EQ(crit.matchers.size(), 3u);
  EXPECT_EQ(crit.matchers[1].ToString(), "env!=\"staging\"");
  // The regex is RE2, anchored: "db" and "storage" match, "dbx" does not.
  EXPECT_TRUE(crit.matchers[2].Matches({{"team", "storage"}}));
  EXPECT_FALSE(crit.matchers[2].Matches({{"team", "dbx"}}));
  EXPECT_EQ(c.routing.routes[1].severity.label, "severity");
  EXPECT_EQ(c.routing.routes[1].severity.by_value.at("warning"), core::Severity::kP2);
  EXPECT_TRUE(c.routing.routes[2].severity.classify);
  EXPECT_EQ(c.routing.routes[2].source, core::DetectionSource::kSecurityAlert);
  EXPECT_EQ(c.routing.routes[3].action, core::RouteAction::kAttach);
}

TEST(IngestYaml, EveryProblemHasItsLineAndKey) {
  auto c = LoadIngestConfig(R"(alert_routing:
  recurrence_window: soon
  routes:
    - matchers: ['=x', 'a~b', 'team=~"(unclosed"']
      action: page
    - action: declare
      colour: red
)",
                            "w.yaml");
  std::vector<std::string> got;
  for (const auto& p : c.problems) got.push_back(p.ToString());
  ASSERT_EQ(got.size(), 7u) << ::testing::PrintToString(got);
  EXPECT_NE(got[0].find("w.yaml:2: alert_routing.recurrence_window"), std::string::npos);
  EXPECT_NE(got[1].find("w.yaml:4: alert_routing.routes[0].matchers[0]"), std::string::npos);
  EXPECT_NE(got[2].find("no operator"), std::string::npos);
  EXPECT_NE(got[3].find("not a valid regular expression"), std::string::npos);
  EXPECT_NE(got[4].find("routes[0].action: unknown action 'page'"), std::string::npos);
  EXPECT_NE(got[5].find("w.yaml:7: alert_routing.routes[1].colour: unknown key"),
            std::string::npos);
  EXPECT_NE(got[6].find("needs a severity"), std::string::npos);
}

TEST(IngestYaml, SignatureSecretsComeFromTheEnvironmentOrAFileNeverInline) {
  setenv("WARROOM_TEST_GRAFANA_SECRET", "s3cret", 1);
  auto c = LoadIngestConfig(R"(integrations:
  grafana-prod:
    signature_secret_env: WARROOM_TEST_GRAFANA_SECRET
    signature_header: X-Hub-Signature
  grafana-bad:
    signature_secret: inline
)",
                            "w.yaml");
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_NE(c.problems[0].ToString().find("is a secret"), std::string::npos);
  EXPECT_EQ(c.signatures.at("grafana-prod").secret, "s3cret");
  EXPECT_EQ(c.signatures.at("grafana-prod").header, "X-Hub-Signature");
  EXPECT_FALSE(c.signatures.count("grafana-bad"));
}

}  // namespace
}  // namespace warroom::config
