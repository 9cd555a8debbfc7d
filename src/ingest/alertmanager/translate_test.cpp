#include "ingest/alertmanager/translate.hpp"

#include <gtest/gtest.h>

#include "ingest/test_data.hpp"

namespace warroom::ingest::alertmanager {
namespace {

using core::AlertStatus;
using testing::TestData;
using testing::Text;

TimePoint Now() { return *ParseTime("2026-02-12T14:16:00Z"); }

auto Read(const std::string& body) { return Translate(body, {}, Now()); }

TEST(Alertmanager, AFiringGroupGivesOneAlertPerEntryKeyedByFingerprint) {
  auto r = Read(TestData("alertmanager/firing.json"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  const core::Alert& a = (*r)[0];
  EXPECT_EQ(a.key, "6f1e2a4b9c0d3e7f");
  EXPECT_EQ(a.status, AlertStatus::kFiring);
  EXPECT_EQ(FormatTime(a.starts_at), "2026-02-12T14:15:00.123456Z");
  EXPECT_FALSE(a.ends_at.has_value());  // 0001-01-01: no end
  EXPECT_EQ(a.summary, "API on api-1 returns 503");
  EXPECT_EQ(a.group_key, "{}/{severity=\"critical\"}:{alertname=\"APIDown\"}");
  EXPECT_EQ(Text(a.labels), "alertname=APIDown instance=api-1:8080 job=api severity=critical");
  EXPECT_EQ(Text(a.annotations),
            "summary=API on api-1 returns 503 runbook_url=https://runbooks.example/api-down");
  EXPECT_EQ(a.source_url, "http://prometheus.example:9090/graph?g0.expr=up%3D%3D0&g0.tab=1");
  EXPECT_FALSE(a.match_open);
  EXPECT_EQ((*r)[1].summary, "APIDown");  // no summary annotation: the alertname
}

TEST(Alertmanager, AResolvedAlertKeepsItsEnd) {
  auto r = Read(TestData("alertmanager/resolved.json"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].status, AlertStatus::kResolved);
  EXPECT_EQ(FormatTime(*(*r)[0].ends_at), "2026-02-12T14:20:00Z");
  EXPECT_EQ((*r)[0].key, "6f1e2a4b9c0d3e7f");
}

// truncatedAlerts counts alerts Alertmanager left out (max_alerts): the ones
// it sent are read, none is invented for the rest.
TEST(Alertmanager, ATruncatedGroupGivesTheAlertsItCarries) {
  auto r = Read(TestData("alertmanager/truncated.json"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1].key, "2222222222222222");
}

TEST(Alertmanager, FieldsItDoesNotKnowAreIgnored) {
  auto r = Read(TestData("alertmanager/unknown_fields.json"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(Text((*r)[0].labels), "alertname=Latency service=checkout");
  EXPECT_EQ(Text((*r)[0].annotations), "summary=p99 over 2 s");
}

// Older senders send no fingerprint: the label set identifies the alert.
TEST(Alertmanager, AnAlertWithoutAFingerprintIsKeyedByItsLabels) {
  auto r = Read(R"({"version": "4", "alerts": [{"status": "firing",
      "labels": {"alertname": "x", "b": "2"}, "startsAt": "2026-02-12T14:15:00Z"}]})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)[0].key, R"(labels:{"alertname":"x","b":"2"})");
  EXPECT_EQ((*r)[0].group_key, "x");
}

// A number past a double's range is kept as text that stays JSON.
TEST(Alertmanager, AnOverflowingNumberIsKeptAsInfinity) {
  auto r = Read(R"({"version": "4", "status": "firing", "alerts": [
      {"status": "firing", "labels": {"alertname": "x", "n": 1e999},
       "annotations": {"summary": "s", "v": -1e400}, "startsAt": "2026-02-12T14:15:00Z",
       "fingerprint": "f"}]})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(Text((*r)[0].labels), "alertname=x n=\"Infinity\"");
  EXPECT_EQ(Text((*r)[0].annotations), "summary=s v:=\"-Infinity\"");
}

TEST(Alertmanager, RefusesWhatIsNotAVersionFourPayload) {
  for (
      const char* bad :
      {"{nope", "[]", R"({"version": "3", "alerts": []})", R"({"version": "4"})",
       R"({"version": "4", "alerts": [{"status": "firing", "labels": {}}]})",
       R"({"version": "4", "alerts": [{"status": "burning", "labels": {}, "startsAt": "2026-02-12T14:15:00Z"}]})",
       R"({"version": "4", "alerts": [{"status": "firing", "labels": {}, "startsAt": "soon"}]})"}) {
    auto r = Read(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find("Alertmanager"), std::string::npos);
  }
  // Grafana's payload is not Alertmanager's.
  auto grafana = Read(TestData("grafana/firing.json"));
  ASSERT_FALSE(grafana.ok());
  EXPECT_NE(grafana.error().message.find("'version' must be \"4\""), std::string::npos);
}

TEST(Alertmanager, StartsBefore2000OrAheadOfTheClockAreTakenAsNow) {
  for (const char* start :
       {"0001-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2026-02-12T14:20:00Z"}) {
    std::string body = std::string(R"({"version": "4", "alerts": [{"status": "firing", "labels": {},
        "startsAt": ")") +
                       start + R"(", "endsAt": "1970-01-02T00:00:00Z"}]})";
    auto r = Read(body);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(FormatTime((*r)[0].starts_at), "2026-02-12T14:16:00Z") << start;
    EXPECT_FALSE((*r)[0].ends_at.has_value()) << "an end before 2000 is no end";
  }
  // Within the 60 s of skew a sender's time is kept.
  auto r = Read(R"({"version": "4", "alerts": [{"status": "firing", "labels": {},
      "startsAt": "2026-02-12T14:16:30Z"}]})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(FormatTime((*r)[0].starts_at), "2026-02-12T14:16:30Z");
}

}  // namespace
}  // namespace warroom::ingest::alertmanager
