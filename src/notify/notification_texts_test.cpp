// The built-in notification templates (the texts the notifier's rules send),
// rendered for a representative incident with their events' fields: each
// byte as the engine wrote it by concatenation before these templates, also
// where an optional part is left out.
#include <gtest/gtest.h>

#include "core/incident/history_builder.hpp"
#include "notify/templates.hpp"

namespace warroom::notify {
namespace {

using namespace core;
namespace c = core::commands;
TimePoint T(const char* s) { return *ParseTime(s); }

class NotificationTexts : public ::testing::Test {
 protected:
  NotificationTexts() {
    c::Declare d;
    d.severity = Severity::kP1;
    d.summary = "Checkout down";
    EXPECT_TRUE(h_.Run(d, T("2026-02-12T14:23:00Z"), "sarah").ok());
  }
  std::string Text(const char* name, std::map<std::string, std::string> fields = {}) {
    auto r = t_.Render(name, RenderInput(&h_.state(), &DefaultPolicy(), T("2026-02-12T14:40:00Z"),
                                         std::nullopt, std::move(fields)));
    EXPECT_TRUE(r.ok()) << name;
    return r.ok() ? r->text : "";
  }
  std::string Subject(const char* name) {
    return t_.Render(name, RenderInput(&h_.state(), &DefaultPolicy(), T("2026-02-12T14:40:00Z")))
        ->subject;
  }
  using RenderInput = engine::RenderInput;

  TemplateSet t_;
  HistoryBuilder h_{DefaultPolicy(), "INC-1"};
};

const char* kHeadline = "INC-1 P1 (SEV-2): Checkout down";

TEST_F(NotificationTexts, APageNamesTheGroupsTheCommanderAndHowToAcknowledge) {
  EXPECT_EQ(Subject("page"), std::string("PAGE ") + kHeadline);
  EXPECT_EQ(Text("page"), std::string("PAGE: ") + kHeadline +
                              "\nPaging: oncall-sre\nIncident Commander: sarah\nAcknowledge: "
                              "warroom ack INC-1");
  ASSERT_TRUE(h_.Run(c::ChangeVisibility{Visibility::kRestricted, "security"},
                     T("2026-02-12T14:30:00Z"), "sarah", true)
                  .ok());
  ASSERT_TRUE(h_.Run(c::Join{"rita"}, T("2026-02-12T14:31:00Z")).ok());
  EXPECT_NE(Text("page").find("\nPaging: participants sarah, rita\n"), std::string::npos)
      << Text("page");
}

TEST_F(NotificationTexts, APageRequestedSaysWhoPagedAndWhyWhenGiven) {
  EXPECT_EQ(Text("page-requested", {{"paged", "mike"}, {"actor", "sarah"}, {"reason", "db"}}),
            std::string("PAGE: mike, you are needed on ") + kHeadline +
                "\nPaged by the Incident Commander @sarah: db\nAcknowledge: warroom ack INC-1");
  EXPECT_EQ(Text("page-requested", {{"paged", "mike"}, {"actor", "sarah"}, {"reason", ""}}),
            std::string("PAGE: mike, you are needed on ") + kHeadline +
                "\nPaged by the Incident Commander @sarah\nAcknowledge: warroom ack INC-1");
}

TEST_F(NotificationTexts, ARepageWithoutEnoughGroupsEscalatesToTheBackup) {
  EXPECT_EQ(Text("re-page", {{"due_at", "14:28 UTC"}}),
            std::string("RE-PAGE: ") + kHeadline +
                "\nNot acknowledged by 14:28 UTC. Escalating to the backup (backup: the "
                "backup).\nAcknowledge: warroom ack INC-1");
  EXPECT_NE(
      Text("re-page", {{"due_at", "14:28 UTC"}, {"escalation_groups", "a, b"}, {"backup", "b"}})
          .find("Escalating to a, b (backup: b)."),
      std::string::npos);
}

TEST_F(NotificationTexts, RemindersNameTheRoleHoldersOrTheRoles) {
  EXPECT_EQ(Text("update-reminder", {{"due_at", "14:53 UTC"}}),
            std::string("Reminder for @sarah and the Communications Lead: an update on ") +
                kHeadline + " was due at 14:53 UTC. Post one: warroom update INC-1 \"...\"");
  EXPECT_EQ(Text("customer-communication-reminder", {{"due_at", "14:53 UTC"}}),
            std::string("Reminder for the Communications Lead: customer communication on ") +
                kHeadline +
                " was due at 14:53 UTC. warroom update INC-1 --template "
                "status-investigating");
  EXPECT_EQ(Text("executive-notification-reminder", {{"due_at", "14:53 UTC"}}),
            std::string("Reminder for @sarah: executives (cto, engineering-manager) were to be "
                        "told of ") +
                kHeadline + " at 14:53 UTC.");
  EXPECT_EQ(Text("pir-reminder", {{"due_at", "14:53 UTC"}}),
            std::string("Reminder for @sarah: the post-incident review of ") + kHeadline +
                " was due at 14:53 UTC. Close it with: warroom close INC-1 --pir-url URL");
  EXPECT_EQ(Text("target-resolution-passed", {{"due_at", "18:23 UTC"}}),
            std::string("Target resolution passed for ") + kHeadline +
                " (due 18:23 UTC). Engineering manager, please review.");
  EXPECT_NE(Text("target-resolution-passed", {{"escalated_to_executives", "yes"}})
                .find("). Executives, please review."),
            std::string::npos);
}

TEST_F(NotificationTexts, AnUpdateKeepsItsTextAndAddsTheNextUpdateOnItsOwnLine) {
  std::map<std::string, std::string> next{{"next_update", "15:00 UTC"},
                                          {"next_update_in", "20 minutes"}};
  auto with = [&](std::string text, bool ends_line) {
    auto f = next;
    f["text"] = text;
    f["text_ends_line"] = ends_line ? "yes" : "";
    return Text("update-posted", f);
  };
  EXPECT_EQ(with("Looking", false), "Looking\nNext update: 15:00 UTC (20 minutes)");
  EXPECT_EQ(with("Looking\n", true), "Looking\nNext update: 15:00 UTC (20 minutes)");
  EXPECT_EQ(with("", true), "Next update: 15:00 UTC (20 minutes)");
  EXPECT_EQ(Text("update-posted", {{"text", "{{id}} as written"}}), "{{id}} as written")
      << "an update's text is a value, never a template";
}

TEST_F(NotificationTexts, FreezesAlertsUnknownOutcomesAndTriageReadAsBefore) {
  EXPECT_EQ(Text("code-freeze-lifted", {{"actor", "sarah"}}),
            std::string("Code freeze lifted for ") + kHeadline + " by @sarah");
  EXPECT_EQ(Text("alerts-resolved"),
            std::string("Every alert of ") + kHeadline +
                " has resolved. Confirm the fix holds and resolve it: warroom resolve INC-1 "
                "\"...\"");
  EXPECT_EQ(Text("alerts-recurred", {{"group_key", "g1"}, {"alert_summary", "Down"}}),
            std::string("Recurrence: alerts of g1 (Down) fire again on ") + kHeadline +
                ", which is investigating. Reopen with: warroom reopen INC-1 --reason \"...\"");
  auto triage =
      t_.Render("triage", RenderInput(nullptr, nullptr, T("2026-02-12T09:00:00Z"), std::nullopt,
                                      {{"alerts", "3"},
                                       {"integration", "grafana"},
                                       {"alert_summary", "Disk full"},
                                       {"group_key", "g"},
                                       {"first_alert_id", "17"}}));
  ASSERT_TRUE(triage.ok());
  EXPECT_EQ(triage->text,
            "TRIAGE: 3 alert(s) from grafana wait for a responder: Disk full (group g). No route "
            "declares them. See `warroom alerts --triage`, then `warroom alerts declare 17 "
            "--severity P2` or `warroom alerts dismiss 17`");
}

TEST_F(NotificationTexts, AnOverrideMayUseTheEventsFieldsButNoUnknownOne) {
  EXPECT_TRUE(
      t_.LoadOverrides("templates:\n  page-requested:\n    body: \"{{paged}}: {{reason}}\"\n",
                       "t.yaml")
          .empty());
  EXPECT_EQ(Text("page-requested", {{"paged", "mike"}, {"reason", "db"}}), "mike: db");
  EXPECT_EQ(t_.LoadOverrides("templates:\n  page:\n    body: \"{{pager}}\"\n", "t.yaml").size(),
            1u);
}

}  // namespace
}  // namespace warroom::notify
