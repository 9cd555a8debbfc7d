#include "http/ui/page.hpp"

#include <gtest/gtest.h>

#include "http/ui/timeline_data.hpp"
#include "http/ui/web_files.hpp"

namespace warroom::http::ui {
namespace {

namespace json = boost::json;

TEST(PageTemplate, EveryValueIsEscapedAndEmptyTextIsFalse) {
  json::object data{{"summary", "<script>alert('x')</script> & \"more\""},
                    {"workaround", ""},
                    {"items", json::array{"a<b", "c"}},
                    {"count", 3},
                    {"none", nullptr}};
  auto out = RenderTemplate(
      "{{summary}}|{{#workaround}}W{{/workaround}}{{^workaround}}none{{/workaround}}|"
      "{{#items}}[{{.}}]{{/items}}|{{count}}|{{#none}}N{{/none}}",
      data);
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(*out,
            "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;more&quot;|none|"
            "[a&lt;b][c]|3|");
}

TEST(PageTemplate, ABrokenTemplateIsAnErrorNotAPage) {
  auto out = RenderTemplate("{{#open}}never closed", json::object{});
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message.find("page template"), std::string::npos);
}

TEST(PageTemplate, EveryPageTemplateOfTheBinaryParses) {
  int pages = 0;
  for (const WebFile& f : WebFiles()) {
    if (!f.path.ends_with(".html")) continue;
    ++pages;
    EXPECT_TRUE(RenderTemplate(f.bytes, json::object{}).ok()) << f.path;
  }
  EXPECT_GE(pages, 4);
  ASSERT_NE(FindWebFile("assets/app.js"), nullptr);
  EXPECT_EQ(ContentTypeOf("assets/app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(FindWebFile("assets/nope.js"), nullptr);
}

TEST(LocalPath, OnlyAPathOnThisSiteIsKept) {
  EXPECT_EQ(LocalPath("/incidents/INC-1?x=1"), "/incidents/INC-1?x=1");
  EXPECT_EQ(LocalPath("/"), "/");
  EXPECT_EQ(LocalPath(""), "/");
  EXPECT_EQ(LocalPath("https://evil.example/"), "/");
  EXPECT_EQ(LocalPath("//evil.example/"), "/");
  EXPECT_EQ(LocalPath("/\\evil.example/"), "/");
  EXPECT_EQ(LocalPath("/ok\r\nSet-Cookie: x"), "/");
  EXPECT_EQ(LocalPath("javascript:alert(1)"), "/");
}

TEST(SafeHref, OnlyWebLinksAreKept) {
  EXPECT_EQ(SafeHref("https://grafana.example/d/1"), "https://grafana.example/d/1");
  EXPECT_EQ(SafeHref("HTTP://prom.example/graph"), "HTTP://prom.example/graph");
  EXPECT_EQ(SafeHref("javascript:alert(1)"), "");
  EXPECT_EQ(SafeHref("data:text/html,<script>"), "");
  EXPECT_EQ(SafeHref("//evil.example"), "");
  EXPECT_EQ(SafeHref(""), "");
}

TEST(Timeline, EachEventHasASentenceAndAFilter) {
  namespace ev = core::events;
  EXPECT_EQ(
      TimelineHeadline(ev::SeverityChanged{core::Severity::kP2, core::Severity::kP1, "worse"}),
      "Severity P2 -> P1: worse");
  EXPECT_EQ(TimelineCategory(ev::SeverityChanged{}), "decision");
  EXPECT_EQ(TimelineHeadline(ev::NoteAdded{core::NoteKind::kCustomerReport, "x"}),
            "Customer report");
  EXPECT_EQ(TimelineCategory(ev::NoteAdded{core::NoteKind::kDecision, "x"}), "decision");
  EXPECT_EQ(TimelineCategory(ev::NoteAdded{core::NoteKind::kFinding, "x"}), "finding");
  EXPECT_EQ(TimelineCategory(ev::UpdatePosted{}), "update");
  EXPECT_EQ(TimelineCategory(ev::AlertGroupAttached{}), "alert");
  EXPECT_EQ(TimelineCategory(ev::MessageDelivered{}), "delivery");
  EXPECT_EQ(TimelineCategory(ev::Acknowledged{}), "lifecycle");
  ev::MessageDeadLettered dead;
  dead.kind = "page";
  dead.destination = "pager";
  dead.attempts = 5;
  dead.detail = "HTTP 500";
  EXPECT_EQ(TimelineHeadline(dead), "page to pager failed after 5 attempts: HTTP 500");

  core::Event e;
  e.incident_id = "INC-1";
  e.incident_seq = 2;
  e.actor = core::Actor::User("ana");
  e.payload = ev::NoteAdded{core::NoteKind::kFinding, "the cache is cold"};
  json::object entry = TimelineEntry(e);
  EXPECT_EQ(entry.at("category"), "finding");
  EXPECT_EQ(entry.at("body"), "the cache is cold");
  EXPECT_EQ(entry.at("type"), "note_added");
}

}  // namespace
}  // namespace warroom::http::ui
