#include "notify/templates.hpp"

#include <gtest/gtest.h>

#include "core/incident/history_builder.hpp"
#include "notify/builtin_templates.hpp"

namespace warroom::notify {
namespace {

using namespace core;
namespace c = core::commands;
TimePoint T(const char* s) { return *ParseTime(s); }

// The spec's P1, declared 14:23 with the first alert at 14:15.
HistoryBuilder SpecP1() {
  HistoryBuilder h;
  c::Declare d;
  d.severity = Severity::kP1;
  d.summary = "Scheduler not executing goals";
  d.detected_at = T("2026-02-12T14:15:00Z");
  d.impact.customers_affected = 87;
  EXPECT_TRUE(h.Run(d, T("2026-02-12T14:23:00Z"), "sarah-sre").ok());
  EXPECT_TRUE(h.Run(c::Join{"mike-backend"}, T("2026-02-12T14:23:00Z")).ok());
  EXPECT_TRUE(
      h.Run(c::AddLink{"war-room", "#incident-inc-001", ""}, T("2026-02-12T14:23:00Z")).ok());
  return h;
}

engine::RenderInput At(const HistoryBuilder& h, const char* now,
                       std::optional<TimePoint> next = std::nullopt) {
  return engine::RenderInput{&h.state(), &DefaultPolicy(), T(now), next};
}

TEST(Templates, TheDeclarationAnnouncesTheNextUpdateOnTheQuarterHour) {
  TemplateSet t;
  auto h = SpecP1();
  auto r = t.Render("incident-declared", At(h, "2026-02-12T14:23:00Z", T("2026-02-12T14:53:00Z")));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->audience, "internal");
  const std::string& m = r->text;
  EXPECT_NE(m.find("🚨 INCIDENT DECLARED 🚨"), std::string::npos);
  EXPECT_NE(m.find("ID: INC-2026-02-12-001\nSeverity: P1\nStatus: Investigating"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("Incident Commander: @sarah-sre"), std::string::npos) << m;
  EXPECT_NE(m.find("Responders: @mike-backend\n\nWar room: #incident-inc-001\n\nImpact:"),
            std::string::npos)
      << m;
  EXPECT_EQ(m.find("Doc:"), std::string::npos) << "no doc linked: the line is left out";
  EXPECT_NE(m.find("Impact: 87 customers affected"), std::string::npos) << m;
  EXPECT_NE(m.find("Start time: 14:15 UTC"), std::string::npos) << m;
  EXPECT_NE(m.find("Next update: 14:45 UTC (22 minutes)"), std::string::npos) << m;
}

TEST(Templates, AFieldShownOutsideASectionWhileStillEmptyIsNamed) {
  TemplateSet t;
  auto h = SpecP1();
  auto early = t.Render("status-identified", At(h, "2026-02-12T14:25:00Z"));
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->empty_fields, std::vector<std::string>{"root_cause"}) << early->text;
  // Inside a section an empty field is the template's choice: not named.
  auto declared = t.Render("incident-declared", At(h, "2026-02-12T14:25:00Z"));
  ASSERT_TRUE(declared.ok());
  EXPECT_TRUE(declared->empty_fields.empty()) << declared->text;
  ASSERT_TRUE(h.Run(c::Identify{"a leak", "deployment"}, T("2026-02-12T14:30:00Z")).ok());
  auto later = t.Render("status-identified", At(h, "2026-02-12T14:45:00Z"));
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(later->empty_fields.empty());
  // The digest changes with any part of the message, and only then.
  engine::RenderedMessage a = *later, b = *later;
  EXPECT_EQ(engine::MessageDigest(a), engine::MessageDigest(b));
  EXPECT_EQ(engine::MessageDigest(a).size(), 64u);
  b.text += " ";
  EXPECT_NE(engine::MessageDigest(a), engine::MessageDigest(b));
  b = a;
  b.audience = "internal";
  EXPECT_NE(engine::MessageDigest(a), engine::MessageDigest(b));
}

TEST(Templates, StatusPageAndResolvedMessagesFollowTheIncident) {
  TemplateSet t;
  auto h = SpecP1();
  ASSERT_TRUE(
      h.Run(c::Identify{"a memory leak in the scheduler", "deployment"}, T("2026-02-12T14:30:00Z"))
          .ok());
  auto id = t.Render("status-identified", At(h, "2026-02-12T14:45:00Z"));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->audience, "status-page");
  EXPECT_NE(id->text.find(
                "Identified: We have identified the root cause as a memory leak in the scheduler."),
            std::string::npos)
      << id->text;
  EXPECT_NE(id->text.find("Posted: 2026-02-12 14:45 UTC"), std::string::npos);
  EXPECT_EQ(id->text.find("Workaround:"), std::string::npos);
  EXPECT_NE(id->text.find("Impact: 87 customers affected\n\nPosted:"), std::string::npos)
      << id->text;
  auto inv = t.Render("status-investigating", At(h, "2026-02-12T14:23:00Z"));
  EXPECT_NE(inv->text.find("identify the cause.\n\nUpdate frequency: Every 30 minutes\nPosted: "
                           "2026-02-12 14:23 UTC"),
            std::string::npos)
      << inv->text;
  ASSERT_TRUE(
      h.Run(c::Mitigate{"Rolled back to previous version"}, T("2026-02-12T14:50:00Z")).ok());
  ASSERT_TRUE(
      h.Run(
           c::Resolve{
               "rolled back to the previous version, and the scheduler resumed normal operation",
               false, ""},
           T("2026-02-12T16:00:00Z"), "sarah-sre")
          .ok());
  auto res = t.Render("incident-resolved", At(h, "2026-02-12T16:00:00Z"));
  ASSERT_TRUE(res.ok());
  EXPECT_NE(res->text.find("Duration: 1 hour 37 minutes"), std::string::npos) << res->text;
  EXPECT_EQ(res->text.find("Post-incident review"), std::string::npos)
      << "no PIR yet: the line is left out";
  auto email = t.Render("customer-email", At(h, "2026-02-12T17:00:00Z"));
  ASSERT_TRUE(email.ok());
  EXPECT_EQ(email->subject, "Service Disruption Update - 2026-02-12");
  EXPECT_NE(email->text.find("between 14:15 UTC and 14:50 UTC"), std::string::npos) << email->text;
  EXPECT_NE(email->text.find("Our team responded immediately and rolled back"), std::string::npos);
  ASSERT_TRUE(h.Run(c::Close{"https://wiki/pir/1"}, T("2026-02-13T10:00:00Z"), "sarah-sre").ok());
  auto closed = t.Render("incident-resolved", At(h, "2026-02-13T10:00:00Z"));
  EXPECT_NE(closed->text.find("- Post-incident review: https://wiki/pir/1"), std::string::npos)
      << closed->text;
  EXPECT_EQ(t.Render("no-such-template", At(h, "2026-02-13T10:00:00Z")).error().code,
            ErrorCode::kNotFound);
}

TEST(Templates, OverridesAreCheckedForUnknownFieldsWithFileAndLine) {
  TemplateSet t;
  auto problems = t.LoadOverrides(
      "organisation: ACME\n"
      "templates:\n"
      "  status-identified:\n"
      "    body: |\n"
      "      Found it: {{root_cause}}.\n"
      "      Blame: {{culprit}}\n"
      "  incident-declared:\n"
      "    audience: everyone\n"
      "    body: \"{{#responders}}{{handle}}{{/responders}}\"\n",
      "comms.yaml");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].ToString(),
            "comms.yaml:6: templates.status-identified.body: unknown field 'culprit' (see "
            "docs/templates.md for "
            "the fields)");
  EXPECT_EQ(problems[1].key, "templates.incident-declared.audience");
  // Nothing changed.
  auto h = SpecP1();
  auto r = t.Render("status-identified", At(h, "2026-02-12T14:45:00Z"));
  EXPECT_NE(r->text.find("Identified:"), std::string::npos);
}

TEST(Templates, AValidOverrideReplacesTheBuiltIn) {
  TemplateSet t;
  auto problems = t.LoadOverrides(
      "organisation: ACME\n"
      "templates:\n"
      "  customer-notification:\n"
      "    subject: \"[{{organisation}}] {{summary}}\"\n"
      "    body: \"We are on it: {{summary}} ({{#affected_components}}{{name}}{{^last}}, "
      "{{/last}}{{/affected_components}})\"\n",
      "comms.yaml");
  ASSERT_TRUE(problems.empty()) << problems[0].ToString();
  auto h = SpecP1();
  auto r = t.Render("customer-notification", At(h, "2026-02-12T14:45:00Z"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->subject, "[ACME] Scheduler not executing goals");
  EXPECT_EQ(r->text, "We are on it: Scheduler not executing goals ()");
}

TEST(Templates, EveryBuiltInTemplateIsValid) {
  std::size_t n = 0;
  const TemplateSource* t = BuiltinTemplates(n);
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_TRUE(
        ValidateTemplate(std::string(t[i].body), "builtin", 1, std::string(t[i].name)).empty())
        << t[i].name;
    EXPECT_TRUE(
        ValidateTemplate(std::string(t[i].subject), "builtin", 1, std::string(t[i].name)).empty());
  }
}

}  // namespace
}  // namespace warroom::notify
