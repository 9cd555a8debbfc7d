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

// Found by fuzz/pagerduty.cpp: a number past a double's range (1e999) was
// stored as the bare word Infinity, so the stored custom details were not
// JSON (and the alerts API showed none of them).
TEST(PagerDuty, AnOverflowingNumberIsStoredAsJson) {
  std::vector<std::string> errors;
  auto r = ParsePagerDuty(R"({"routing_key": "R", "event_action": "trigger",
      "payload": {"summary": "s", "source": "db-1", "severity": "critical",
                  "custom_details": {"free": 1e999, "used": [-1e999, 5], "mount": "/var"}}})",
                          Now(), errors, "gen");
  ASSERT_TRUE(r.ok()) << (errors.empty() ? "" : errors[0]);
  EXPECT_EQ(r->alert.annotations, R"({"free":"Infinity","used":["-Infinity",5],"mount":"/var"})");
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
