#include "ingest/generic.hpp"

#include <gtest/gtest.h>

namespace warroom::ingest {
namespace {

TimePoint Now() { return *ParseTime("2026-02-12T14:16:00Z"); }

TEST(Generic, ReadsAlertsWithDefaults) {
  auto r = ParseGeneric(R"({"alerts": [
      {"key": "disk/db-1", "summary": "Disk full on db-1", "group": "db-disk",
       "labels": {"severity": "critical"}, "annotations": {"runbook": "r"},
       "starts_at": "2026-02-12T14:10:00Z", "source_url": "http://x", "extra": 1},
      {"key": "q", "status": "resolved"}]})",
                        "gen", Now());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  const auto& a = (*r)[0];
  EXPECT_EQ(a.group_key, "db-disk");
  EXPECT_EQ(a.alert_key, "disk/db-1");
  EXPECT_EQ(a.status, "firing");
  EXPECT_EQ(FormatTime(a.starts_at), "2026-02-12T14:10:00Z");
  EXPECT_FALSE(a.match_open);
  EXPECT_EQ(a.labels, R"({"severity":"critical"})");
  const auto& b = (*r)[1];
  EXPECT_EQ(b.group_key, "q");
  EXPECT_TRUE(b.match_open);
  EXPECT_EQ(b.ends_at, Now());
}

// Found by fuzz/generic.cpp: "starts_at": "" left the alert starting in
// 1970 (neither read nor defaulted); it is no start, like null.
TEST(Generic, AnEmptyStartIsNoStart) {
  auto r =
      ParseGeneric(R"({"alerts": [{"key": "k", "summary": "s", "starts_at": ""}]})", "gen", Now());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE((*r)[0].match_open);
  EXPECT_EQ((*r)[0].starts_at, Now());
}

TEST(Generic, EveryBadInputIsNamed) {
  std::vector<std::pair<std::string, std::string>> bad = {
      {"{", "not valid JSON"},
      {"[]", "must be a JSON object"},
      {"{}", "'alerts' must be a list"},
      {R"({"alerts": []})", "'alerts' is empty"},
      {R"({"alerts": [1]})", "alerts[0] must be an object"},
      {R"({"alerts": [{"summary": "s"}]})", "alerts[0].key is required"},
      {R"({"alerts": [{"key": "k"}]})", "alerts[0].summary is required"},
      {R"({"alerts": [{"key": "k", "summary": "s", "status": "open"}]})", "alerts[0].status"},
      {R"({"alerts": [{"key": "k", "summary": "s", "labels": {"a": 1}}]})", "labels.a must be"},
      {R"({"alerts": [{"key": "k", "summary": "s", "starts_at": "yesterday"}]})",
       "alerts[0].starts_at"},
      {R"({"alerts": [{"key": 5, "summary": "s"}]})", "alerts[0].key must be a string"},
  };
  for (const auto& [body, want] : bad) {
    auto r = ParseGeneric(body, "gen", Now());
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_NE(r.error().message.find(want), std::string::npos) << r.error().message;
  }
  std::string many = R"({"alerts": [)";
  for (int i = 0; i < 1001; ++i) many += std::string(i ? "," : "") + R"({"key":"k","summary":"s"})";
  many += "]}";
  EXPECT_NE(ParseGeneric(many, "gen", Now()).error().message.find("at most 1000"),
            std::string::npos);
}

TEST(Generic, ASourceUrlMustBeHttp) {
  auto r = ParseGeneric(
      R"x({"alerts": [{"key": "k", "summary": "s", "source_url": "javascript:alert(1)"}]
})x",
      "gen", Now());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("alerts[0].source_url is not an http(s) URL"), std::string::npos)
      << r.error().message;
  auto early = ParseGeneric(
      R"({"alerts": [{"key": "k", "summary": "s", "starts_at": "0001-01-01T00:00:00Z"}]})", "gen",
      Now());
  ASSERT_TRUE(early.ok());
  EXPECT_EQ((*early)[0].starts_at, Now());
}

}  // namespace
}  // namespace warroom::ingest
