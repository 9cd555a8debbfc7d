#include "ingest/pagerduty/translate.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "ingest/pagerduty/reply.hpp"
#include "ingest/test_data.hpp"

namespace warroom::ingest::pagerduty {
namespace {

using core::AlertStatus;
using testing::TestData;
using testing::Text;

TimePoint Now() { return *ParseTime("2026-02-12T14:16:00Z"); }

Event Read(const std::string& body) {
  return Translate(body, {}, Now(), [] { return std::string("made-up"); });
}

bool Has(const std::vector<std::string>& errors, const std::string& e) {
  return std::find(errors.begin(), errors.end(), e) != errors.end();
}

TEST(PagerDuty, ATriggerBecomesAnOpenAlertWithItsDetails) {
  Event e = Read(TestData("pagerduty/trigger.json"));
  ASSERT_TRUE(e.ok()) << e.errors[0];
  EXPECT_EQ(e.routing_key, "wri_0000000000000000000000000000000000000000000000000000000000000000");
  EXPECT_EQ(e.dedup_key, "samplekeyhere");
  const core::Alert& a = e.alert;
  EXPECT_EQ(a.key, "samplekeyhere");
  EXPECT_EQ(a.status, AlertStatus::kFiring);
  EXPECT_TRUE(a.match_open);
  EXPECT_EQ(a.summary, "DISK at 99% on machine prod-datapipe03.example.com");
  EXPECT_EQ(a.group_key, "prod-datapipe");  // the sender's group
  EXPECT_EQ(Text(a.labels),
            "severity=critical source=prod-datapipe03.example.com component=mysql "
            "group=prod-datapipe class=disk");
  // custom_details: text as text, numbers, lists and objects structured.
  EXPECT_EQ(Text(a.annotations),
            "free space=1% ping time=1500ms load avg:=7.5E-1 mounts:=[\"/\",\"/var\"] "
            "disk:={\"device\":\"sda1\"}");
  EXPECT_EQ(a.source_url, "https://monitoring.example.com");  // images and links ignored
}

TEST(PagerDuty, AcknowledgeAndResolveNeedOnlyTheDedupKey) {
  Event ack = Read(TestData("pagerduty/acknowledge.json"));
  ASSERT_TRUE(ack.ok()) << ack.errors[0];
  EXPECT_EQ(ack.alert.status, AlertStatus::kAcknowledged);
  EXPECT_FALSE(ack.alert.ends_at.has_value());
  Event resolve = Read(TestData("pagerduty/resolve.json"));
  ASSERT_TRUE(resolve.ok()) << resolve.errors[0];
  EXPECT_EQ(resolve.alert.status, AlertStatus::kResolved);
  EXPECT_EQ(resolve.alert.ends_at, Now());
  EXPECT_EQ(resolve.alert.key, "samplekeyhere");
  Event lost = Read(R"({"routing_key": "k", "event_action": "resolve"})");
  EXPECT_TRUE(Has(lost.errors, "'dedup_key' is required to resolve."));
}

TEST(PagerDuty, AMissingRoutingKeyOrABadSeverityIsAnInvalidEvent) {
  Event e = Read(TestData("pagerduty/missing_routing_key.json"));
  EXPECT_TRUE(Has(e.errors, "'routing_key' is missing or blank."));
  Event s = Read(TestData("pagerduty/bad_severity.json"));
  EXPECT_TRUE(Has(s.errors, "'payload.severity' must be one of critical, error, warning or info."));
  Reply r = Invalid(s.errors);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(boost::json::serialize(r.body),
            R"({"status":"invalid event","message":"Event object is invalid","errors":)"
            R"(["'payload.severity' must be one of critical, error, warning or info."]})");
}

TEST(PagerDuty, ATriggerWithoutADedupKeyGetsOneMadeUp) {
  int made = 0;
  auto count = [&made] {
    ++made;
    return std::string("made-up");
  };
  Event e = Translate(R"({"routing_key": "k", "event_action": "trigger",
      "payload": {"summary": "s", "source": "db-1", "severity": "info"}})",
                      {}, Now(), count);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e.dedup_key, "made-up");
  EXPECT_EQ(e.alert.group_key, "made-up");  // its own group
  Translate(TestData("pagerduty/trigger.json"), {}, Now(), count);
  EXPECT_EQ(made, 1);  // only when needed
}

TEST(PagerDuty, RepliesInPagerDutysShapes) {
  EXPECT_EQ(boost::json::serialize(Accepted("k1").body),
            R"({"status":"success","message":"Event processed","dedup_key":"k1"})");
  EXPECT_EQ(Accepted("k1").status, 202);
  auto key = Refusal(Error::Unauthenticated("x"));
  ASSERT_TRUE(key);
  EXPECT_EQ(boost::json::serialize(key->body["errors"]), R"(["Invalid routing key"])");
  auto busy = Refusal(Error::ResourceExhausted("full"));
  ASSERT_TRUE(busy);
  EXPECT_EQ((busy->status), 429);
  EXPECT_EQ(busy->retry_after, "1");
  EXPECT_FALSE(Refusal(Error::Internal("boom")));
}

TEST(PagerDuty, FieldsOfTheWrongTypeAreNamed) {
  Event e = Read(R"({"routing_key": 5, "event_action": "trigger",
      "payload": {"summary": ["x"], "source": "s", "severity": "critical"}})");
  ASSERT_FALSE(e.ok());
  EXPECT_TRUE(Has(e.errors, "'routing_key' must be a string.")) << e.errors.size();
  EXPECT_TRUE(Has(e.errors, "'payload.summary' must be a string."));
}

// Found by fuzz/pagerduty.cpp: a number past a double's range (1e999) was
// stored as the bare word Infinity, so the stored custom details were not
// JSON (and the alerts API showed none of them).
TEST(PagerDuty, AnOverflowingNumberIsKeptAsJson) {
  Event e = Read(R"({"routing_key": "R", "event_action": "trigger",
      "payload": {"summary": "s", "source": "db-1", "severity": "critical",
                  "custom_details": {"free": 1e999, "used": [-1e999, 5], "mount": "/var"}}})");
  ASSERT_TRUE(e.ok()) << e.errors[0];
  EXPECT_EQ(Text(e.alert.annotations), R"(free:="Infinity" used:=["-Infinity",5] mount=/var)");
}

TEST(PagerDuty, TimesAndUrlsAreBoundedLeniently) {
  Event e = Read(R"x({"routing_key": "k", "event_action": "trigger",
      "client_url": "javascript:alert(1)",
      "payload": {
    "summary" : "x", "source" : "s", "severity" : "critical", "timestamp" : "0001-01-01T00:00:00Z"}
})x");
  ASSERT_TRUE(e.ok()) << e.errors[0];
  EXPECT_EQ(e.alert.starts_at, Now());
  EXPECT_EQ(e.alert.source_url, "");
}

}  // namespace
}  // namespace warroom::ingest::pagerduty
