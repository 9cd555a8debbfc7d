#include "ingest/grafana/translate.hpp"

#include <gtest/gtest.h>

#include "ingest/test_data.hpp"

namespace warroom::ingest::grafana {
namespace {

using core::AlertStatus;
using testing::TestData;
using testing::Text;

TimePoint Now() { return *ParseTime("2026-02-12T14:16:00Z"); }

auto Read(const std::string& body) { return Translate(body, {}, Now()); }

TEST(Grafana, AFiringNotificationKeepsItsUrlsAndValuesWithTheAnnotations) {
  auto r = Read(TestData("grafana/firing.json"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  const core::Alert& a = (*r)[0];
  EXPECT_EQ(a.key, "c6eadffa33fcdf37");
  EXPECT_EQ(a.status, AlertStatus::kFiring);
  EXPECT_EQ(FormatTime(a.starts_at), "2026-02-12T13:51:03.157076Z");  // +02:00 read
  EXPECT_EQ(a.summary, "This alert was triggered for zone us-1");
  EXPECT_EQ(a.group_key, "{}:{}");
  EXPECT_EQ(Text(a.labels), "alertname=High memory usage team=blue zone=us-1");
  // Empty dashboardURL and panelURL are not kept; values as a string of JSON.
  EXPECT_EQ(Text(a.annotations),
            "description=The system has high memory usage "
            "runbook_url=https://runbooks.example/memory "
            "summary=This alert was triggered for zone us-1 "
            "silence_url=https://grafana.example/alerting/silence/"
            "new?alertmanager=grafana&matchers=alertname%3DT2%2Cteam%3Dblue%2Czone%3Dus-1 "
            "values={\"B\":4.423943737541908E1,\"C\":1}");
  const core::Alert& b = (*r)[1];
  EXPECT_NE(Text(b.annotations).find("dashboard_url=https://grafana.example/d/abc123/cpu"),
            std::string::npos);
  EXPECT_NE(Text(b.annotations).find("panel_url=https://grafana.example/d/abc123/cpu?viewPanel=2"),
            std::string::npos);
  EXPECT_NE(Text(b.annotations).find("image_url=https://grafana.example/public/img/alert.png"),
            std::string::npos);
  EXPECT_EQ(Text(b.annotations).find("valueString"), std::string::npos);
}

TEST(Grafana, AResolvedNotificationEnds) {
  auto r = Read(TestData("grafana/resolved.json"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].status, AlertStatus::kResolved);
  EXPECT_EQ(FormatTime(*(*r)[0].ends_at), "2026-02-12T14:01:03Z");
  EXPECT_EQ(Text((*r)[0].annotations).find("values"), std::string::npos);  // null: none
}

TEST(Grafana, RefusesAlertmanagersVersion) {
  auto r = Read(TestData("alertmanager/firing.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("Grafana webhook contact point (version 1)"), std::string::npos);
  EXPECT_NE(r.error().message.find("'version' must be \"1\""), std::string::npos);
}

TEST(Grafana, ASenderUrlThatIsNotHttpIsDroppedNotTheAlert) {
  auto r = Read(R"x({"version": "1", "alerts": [{"status": "firing", "labels": {},
      "startsAt": "2026-02-12T14:15:00Z", "generatorURL": "javascript:alert(1)",
      "silenceURL": "data:text/html,x", "dashboardURL": "https://grafana.example/d/1"}]
})x");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)[0].source_url, "");
  EXPECT_EQ(Text((*r)[0].annotations), "dashboard_url=https://grafana.example/d/1");
}

}  // namespace
}  // namespace warroom::ingest::grafana
