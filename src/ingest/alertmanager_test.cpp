#include "ingest/alertmanager.hpp"

#include <gtest/gtest.h>

namespace warroom::ingest {
namespace {

const char* kPayload = R"({
  "version": "4", "groupKey": "{}:{alertname=\"APIDown\"}", "truncatedAlerts": 0, "status": "firing",
  "receiver": "warroom", "groupLabels": {"alertname": "APIDown"}, "commonLabels": {"severity": "critical"},
  "externalURL": "http://am:9093", "notification_reason": "new", "routeLabels": {},
  "alerts": [
    {"status": "firing", "labels": {"alertname": "APIDown", "instance": "api-1", "severity": "critical"},
     "annotations": {"summary": "API returns 503"}, "startsAt": "2026-02-12T14:15:00.123456789Z",
     "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prom:9090/graph", "fingerprint": "a1b2c3"},
    {"status": "resolved", "labels": {"alertname": "APIDown", "instance": "api-2"}, "annotations": {},
     "startsAt": "2026-02-12T14:10:00Z", "endsAt": "2026-02-12T14:20:00Z", "fingerprint": "d4e5f6"}
  ]})";

TEST(Alertmanager, ReadsVersionFourAndIgnoresNewerFields) {
  auto r = ParseAlertmanager(kPayload, "prod", *ParseTime("2026-02-12T14:16:00Z"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  const auto& a = (*r)[0];
  EXPECT_EQ(a.alert_key, "a1b2c3");
  EXPECT_EQ(a.status, "firing");
  EXPECT_EQ(FormatTime(a.starts_at), "2026-02-12T14:15:00.123456Z");
  EXPECT_FALSE(a.ends_at.has_value());  // 0001-01-01: no end
  EXPECT_EQ(a.summary, "API returns 503");
  EXPECT_EQ(a.group_key, "{}:{alertname=\"APIDown\"}");
  EXPECT_EQ((*r)[1].status, "resolved");
  EXPECT_EQ(FormatTime(*(*r)[1].ends_at), "2026-02-12T14:20:00Z");
  EXPECT_EQ((*r)[1].summary, "APIDown");
}

// The same for labels and annotations (see PagerDuty's test): stored as JSON.
TEST(Alertmanager, AnOverflowingNumberIsStoredAsJson) {
  auto r = ParseAlertmanager(R"({"version": "4", "status": "firing", "alerts": [
      {"status": "firing", "labels": {"alertname": "x", "n": 1e999},
       "annotations": {"summary": "s", "v": -1e400}, "startsAt": "2026-02-12T14:15:00Z",
       "fingerprint": "f"}]})",
                             "am", *ParseTime("2026-02-12T14:16:00Z"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)[0].labels, R"({"alertname":"x","n":"Infinity"})");
  EXPECT_EQ((*r)[0].annotations, R"({"summary":"s","v":"-Infinity"})");
}

TEST(Alertmanager, RefusesWhatIsNotAVersionFourPayload) {
  TimePoint now = *ParseTime("2026-02-12T14:16:00Z");
  for (
      const char* bad :
      {"{nope", "[]", R"({"version": "3", "alerts": []})", R"({"version": "4"})",
       R"({"version": "4", "alerts": [{"status": "firing", "labels": {}}]})",
       R"({"version": "4", "alerts": [{"status": "burning", "labels": {}, "startsAt": "2026-02-12T14:15:00Z"}]})",
       R"({"version": "4", "alerts": [{"status": "firing", "labels": {}, "startsAt": "soon"}]})"}) {
    auto r = ParseAlertmanager(bad, "prod", now);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find("Alertmanager"), std::string::npos);
  }
}

TEST(Alertmanager, StartsBefore2000OrAheadOfTheClockAreTakenAsNow) {
  TimePoint now = *ParseTime("2026-02-12T14:16:00Z");
  for (const char* start :
       {"0001-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2026-02-12T14:20:00Z"}) {
    std::string body = std::string(R"({"version": "4", "alerts": [{"status": "firing", "labels": {},
        "startsAt": ")") +
                       start + R"(", "endsAt": "1970-01-02T00:00:00Z"}]})";
    auto r = ParseAlertmanager(body, "prod", now);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(FormatTime((*r)[0].starts_at), "2026-02-12T14:16:00Z") << start;
    EXPECT_FALSE((*r)[0].ends_at.has_value()) << "an end before 2000 is no end";
  }
  // Within the 60 s of skew a sender's time is kept.
  auto r = ParseAlertmanager(R"({"version": "4", "alerts": [{"status": "firing", "labels": {},
      "startsAt": "2026-02-12T14:16:30Z"}]})",
                             "prod", now);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(FormatTime((*r)[0].starts_at), "2026-02-12T14:16:30Z");
}

TEST(Alertmanager, ASenderUrlThatIsNotHttpIsDroppedNotTheAlert) {
  auto r = ParseGrafana(R"x({"version": "1", "alerts": [{"status": "firing", "labels": {},
      "startsAt": "2026-02-12T14:15:00Z", "generatorURL": "javascript:alert(1)",
      "silenceURL": "data:text/html,x", "dashboardURL": "https://grafana.example/d/1"}]
})x",
                        "g", *ParseTime("2026-02-12T14:16:00Z"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)[0].source_url, "");
  EXPECT_EQ((*r)[0].annotations.find("silence_url"), std::string::npos);
  EXPECT_NE((*r)[0].annotations.find("https://grafana.example/d/1"), std::string::npos);
}

}  // namespace
}  // namespace warroom::ingest
