#include "ingest/pagerduty.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace warroom::ingest {
namespace {

TimePoint Now() { return *ParseTime("2026-02-12T14:16:00Z"); }

bool Has(const std::vector<std::string>& errors, const std::string& e) {
  return std::find(errors.begin(), errors.end(), e) != errors.end();
}

TEST(PagerDuty, FieldsOfTheWrongTypeAreNamed) {
  std::vector<std::string> errors;
  auto r = ParsePagerDuty(R"({"routing_key": 5, "event_action": "trigger",
      "payload": {"summary": ["x"], "source": "s", "severity": "critical"}})",
                          Now(), errors, "gen");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(Has(errors, "'routing_key' must be a string.")) << errors.size();
  EXPECT_TRUE(Has(errors, "'payload.summary' must be a string."));
}

TEST(PagerDuty, TimesAndUrlsAreBoundedLeniently) {
  std::vector<std::string> errors;
  auto r = ParsePagerDuty(R"x({"routing_key": "k", "event_action": "trigger",
      "client_url": "javascript:alert(1)",
      "payload": {
    "summary" : "x", "source" : "s", "severity" : "critical", "timestamp" : "0001-01-01T00:00:00Z"}
})x",
                          Now(), errors, "gen");
  ASSERT_TRUE(r.ok()) << (errors.empty() ? "" : errors[0]);
  EXPECT_EQ(r->alert.starts_at, Now());
  EXPECT_EQ(r->alert.source_url, "");
}

}  // namespace
}  // namespace warroom::ingest
