#include "ingest/generic/translate.hpp"

#include <gtest/gtest.h>

#include "ingest/test_data.hpp"

namespace warroom::ingest::generic {
namespace {

TimePoint Now() { return *ParseTime("2026-02-12T14:16:00Z"); }

auto ParseGeneric(const std::string& body, const char*, TimePoint now) {
  return Translate(body, {}, now);
}

TEST(Generic, ReadsAlertsWithDefaults) {
  auto r = Translate(testing::TestData("generic/firing_and_resolved.json"), {}, Now());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  const auto& a = (*r)[0];
  EXPECT_EQ(a.group_key, "db-disk");
  EXPECT_EQ(a.key, "disk-full/db-1");
  EXPECT_EQ(a.status, core::AlertStatus::kFiring);
  EXPECT_EQ(a.summary, "Disk full on db-1");
  EXPECT_EQ(a.source_url, "https://monitoring.example/db-1");
  EXPECT_EQ(FormatTime(a.starts_at), "2026-02-12T14:10:00Z");
  EXPECT_FALSE(a.match_open);
  EXPECT_EQ(testing::Text(a.labels), "severity=critical host=db-1");
  EXPECT_EQ(testing::Text(a.annotations), "runbook=https://runbooks.example/disk");
  const auto& b = (*r)[1];
  EXPECT_EQ(b.group_key, "backup/db-2");
  EXPECT_EQ(b.status, core::AlertStatus::kResolved);
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
}  // namespace warroom::ingest::generic
