#include "engine/alert_rows.hpp"

#include <gtest/gtest.h>

namespace warroom::engine {
namespace {

TEST(AlertRows, LabelsAndAnnotationsBecomeJsonObjectsInTheSendersOrder) {
  core::Alert a;
  a.key = "k";
  a.status = core::AlertStatus::kAcknowledged;
  a.labels = {{"zone", "us-1"}, {"alertname", "Q\"uote\n"}};
  a.annotations = {{"summary", "s", false}, {"lag", "[1,{\"x\":2}]", true}};
  TimePoint now = *ParseTime("2026-02-12T14:16:00Z");
  store::AlertRecord r = AlertRow(a, "prod", now);
  EXPECT_EQ(r.integration, "prod");
  EXPECT_EQ(r.alert_key, "k");
  EXPECT_EQ(r.status, core::AlertStatus::kAcknowledged);
  EXPECT_EQ(r.labels, R"({"zone":"us-1","alertname":"Q\"uote\n"})");
  EXPECT_EQ(r.annotations, R"({"summary":"s","lag":[1,{"x":2}]})");
  EXPECT_EQ(r.first_seen, now);
  EXPECT_EQ(r.last_seen, now);
  EXPECT_EQ(AlertRow(core::Alert{}, "p", now).labels, "{}");
}

TEST(AlertRows, RoutingSeesLabelsAndAnnotationsAsText) {
  core::Labels l = LabelsForRouting(core::LabelPairs{{"b", "2"}, {"a", "1"}});
  EXPECT_EQ(l.at("a"), "1");
  core::Labels n = LabelsForRouting(core::Annotations{{"customers_affected_pct", "40", true}});
  EXPECT_EQ(n.at("customers_affected_pct"), "40");
}

}  // namespace
}  // namespace warroom::engine
