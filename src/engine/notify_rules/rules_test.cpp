// Each notifier rule on its own: which destinations, kinds, audiences and
// idempotency keys it writes, and which template it renders with which of
// its event's fields. A renderer that writes out the template's name and
// fields stands in for the templates (notify/notification_texts_test.cpp
// checks the built-in texts themselves).
#include "engine/notify_rules/rules.hpp"

#include <gtest/gtest.h>

#include "base/time_zone.hpp"
#include "core/incident/history_builder.hpp"
#include "engine/notify_rules/rule_table.hpp"
#include "engine/notify_rules/triage_notice.hpp"

namespace warroom::engine::notify_rules {
namespace {

using namespace core;
namespace c = core::commands;
TimePoint T(const char* s) { return *ParseTime(s); }

// "name", then "field=value" lines, then the next update's deadline.
class FieldsRenderer final : public MessageRenderer {
 public:
  Result<RenderedMessage> Render(std::string_view name, const RenderInput& in) const override {
    std::string text(name);
    if (!in.state) text += " (no incident)";
    for (const auto& [k, v] : in.event_fields) text += "\n" + k + "=" + v;
    if (in.next_update_deadline)
      text += "\nnext_update_deadline=" + FormatTime(*in.next_update_deadline);
    return RenderedMessage{
        std::string(name), "internal", "subject of " + std::string(name), text, {}, {}};
  }
  std::vector<std::string> Names() const override { return {}; }
};

class Rules : public ::testing::Test {
 protected:
  Rules()
      : policy_{DefaultPolicy(),
                std::make_shared<BusinessCalendar>(DefaultPolicy().business_hours,
                                                   std::make_shared<FixedOffsetZone>())},
        groups_({{"oncall-sre", {"olive", "sarah"}},
                 {"incident-commander", {"ian"}},
                 {"engineering-manager", {"emma"}},
                 {"cto", {"tom"}}}) {
    routing_.routes = {{"internal", {"chat"}},        {"pages", {"pager"}},
                       {"war-room", {"slack-rooms"}}, {"status-page", {"statuspage"}},
                       {"executives", {"exec-mail"}}, {"customers", {"cust-mail"}}};
  }

  HistoryBuilder Incident(Severity sev, Visibility v = Visibility::kPublic) {
    HistoryBuilder h(DefaultPolicy(), "INC-1");
    c::Declare d;
    d.severity = sev;
    d.summary = "Checkout down";
    d.visibility = v;
    EXPECT_TRUE(h.Run(d, T("2026-02-12T14:23:00Z"), "sarah").ok());
    return h;
  }

  // Runs the rule the table has for `payload`, as event `seq` of `h`.
  Outbox Run(const HistoryBuilder& h, EventPayload payload, const char* at = "2026-02-12T14:40:00Z",
             std::int64_t seq = 7, std::string actor = "sarah") {
    Event e;
    e.incident_id = "INC-1";
    e.incident_seq = seq;
    e.occurred_at = T(at);
    e.actor = Actor::User(std::move(actor));
    e.payload = std::move(payload);
    Rule rule = RuleFor(e.payload);
    if (!rule) return {};
    RuleInput in{h.state(), e, policy_, routing_, renderer_, &groups_, people_, find_user_, T(at)};
    return rule(in);
  }

  static std::optional<store::User> User(const std::string& handle) {
    store::User u;
    u.handle = handle;
    u.email = handle + "@example.com";
    u.slack_member_id = "U-" + handle;
    return u;
  }

  PolicyEntry policy_;
  StaticGroups groups_;
  Routing routing_;
  FieldsRenderer fields_renderer_;
  const MessageRenderer* renderer_ = &fields_renderer_;
  std::vector<PersonDestination> people_{{"person-email", "email"}};
  FindUser find_user_ = &Rules::User;
};

std::vector<std::string> Keys(const Outbox& out) {
  std::vector<std::string> keys;
  for (const auto& m : out) keys.push_back(m.idempotency_key);
  return keys;
}

TEST_F(Rules, ADeclarationTellsTheIncidentsChannelOpensAWarRoomAndPagesTheRowsGroups) {
  auto h = Incident(Severity::kP1);
  auto out = Run(h, h.history()[0].payload, "2026-02-12T14:23:00Z", 1);
  EXPECT_EQ(Keys(out),
            (std::vector<std::string>{"INC-1:1:chat:message", "INC-1:1:slack-rooms:war-room",
                                      "INC-1:1:pager:page", "INC-1:1:person-email:page:olive",
                                      "INC-1:1:person-email:page:sarah"}));
  EXPECT_EQ(out[0].body,
            "incident-declared\nnext_update_deadline=2026-02-12T14:53:00Z");  // the cadence: 30m
  EXPECT_EQ(out[0].audience, Audience::kInternal);
  EXPECT_FALSE(out[0].retry_on_unknown);
  EXPECT_EQ(out[1].body, R"({"name":"inc-1","private":false,"members":["U-sarah","U-olive"]})");
  EXPECT_EQ(out[2].body, "page");
  EXPECT_EQ(out[2].subject, "subject of page");
  EXPECT_TRUE(out[2].retry_on_unknown) << "a duplicate page is better than a lost one";
  EXPECT_EQ(out[3].recipient, "olive@example.com");
  EXPECT_EQ(out[3].next_attempt_at, T("2026-02-12T14:23:00Z"));
}

TEST_F(Rules, ARestrictedDeclarationReachesOnlyItsParticipantsAndAPrivateRoom) {
  auto h = Incident(Severity::kP1, Visibility::kRestricted);
  auto out = Run(h, h.history()[0].payload, "2026-02-12T14:23:00Z", 1);
  EXPECT_EQ(Keys(out),
            (std::vector<std::string>{"INC-1:1:person-email:message:sarah",
                                      "INC-1:1:slack-rooms:war-room", "INC-1:1:pager:page"}))
      << "never the incidents channel; the pages route but not the paged groups' members";
  EXPECT_EQ(out[1].body, R"({"name":"inc-1","private":true,"members":["U-sarah"]})");
}

TEST_F(Rules, AnUpdateGoesToItsAudiencesRouteAndAnnouncesTheNextOne) {
  auto h = Incident(Severity::kP1);
  auto out = Run(h, events::UpdatePosted{Audience::kStatusPage, "Investigating.\n", ""});
  ASSERT_EQ(Keys(out), (std::vector<std::string>{"INC-1:7:statuspage:message"}));
  EXPECT_EQ(out[0].audience, Audience::kStatusPage);
  EXPECT_EQ(out[0].body,
            "update-posted\nnext_update=15:00 UTC\nnext_update_in=20 minutes\ntext=Investigating."
            "\n\ntext_ends_line=yes");
  // To customers, or already saying when: no announcement.
  out = Run(h, events::UpdatePosted{Audience::kCustomers, "Dear customers", ""});
  EXPECT_EQ(Keys(out), (std::vector<std::string>{"INC-1:7:cust-mail:message"}));
  EXPECT_EQ(out[0].body, "update-posted\ntext=Dear customers\ntext_ends_line=");
  out = Run(h, events::UpdatePosted{Audience::kInternal, "Next update: soon", ""});
  EXPECT_EQ(out[0].body, "update-posted\ntext=Next update: soon\ntext_ends_line=");
}

TEST_F(Rules, ARestrictedIncidentsUpdatesGoToItsParticipantsInPerson) {
  auto h = Incident(Severity::kP1, Visibility::kRestricted);
  ASSERT_TRUE(h.Run(c::Join{"rita"}, T("2026-02-12T14:30:00Z")).ok());
  auto out = Run(h, events::UpdatePosted{Audience::kInternal, "Rotating keys", ""});
  EXPECT_EQ(Keys(out), (std::vector<std::string>{"INC-1:7:person-email:message:sarah",
                                                 "INC-1:7:person-email:message:rita"}));
}

TEST_F(Rules, TheIcPagesAnyoneEvenOnARestrictedIncident) {
  auto h = Incident(Severity::kP1, Visibility::kRestricted);
  auto out = Run(h, events::PageRequested{"oncall-sre", "need hands"});
  EXPECT_EQ(Keys(out),
            (std::vector<std::string>{"INC-1:7:pager:page", "INC-1:7:person-email:page:olive",
                                      "INC-1:7:person-email:page:sarah"}));
  EXPECT_EQ(out[0].body, "page-requested\nactor=sarah\npaged=oncall-sre\nreason=need hands");
}

TEST_F(Rules, AMissedAcknowledgmentRepagesAndEscalatesToTheCommandersGroups) {
  auto h = Incident(Severity::kP1);
  auto out = Run(h, events::ClockBreached{ClockKind::kAcknowledge, T("2026-02-12T14:28:00Z")});
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].idempotency_key, "INC-1:7:pager:escalation");
  EXPECT_TRUE(out[0].retry_on_unknown);
  EXPECT_EQ(out[0].body,
            "re-page\nbackup=engineering-manager\ndue_at=14:28 UTC\nescalation_groups=oncall-sre-"
            "lead, engineering-manager");
  EXPECT_EQ(Keys(out).back(), "INC-1:7:person-email:escalation:emma");
  EXPECT_TRUE(Run(h, events::ClockBreached{ClockKind::kAcknowledge, T("2026-02-12T14:28:00Z"),
                                           /*retroactive=*/true})
                  .empty())
      << "past due before warroom knew: no one is told";
}

TEST_F(Rules, AMissedUpdateRemindsTheCommanderAndTheCommunicationsLead) {
  auto h = Incident(Severity::kP1);
  ASSERT_TRUE(
      h.Run(c::AssignRole{Role::kCommunicationsLead, "cara"}, T("2026-02-12T14:30:00Z")).ok());
  auto out = Run(h, events::ClockBreached{ClockKind::kUpdate, T("2026-02-12T14:53:00Z")});
  EXPECT_EQ(Keys(out), (std::vector<std::string>{"INC-1:7:chat:reminder",
                                                 "INC-1:7:person-email:reminder:sarah",
                                                 "INC-1:7:person-email:reminder:cara"}));
  EXPECT_EQ(out[0].body, "update-reminder\ndue_at=14:53 UTC");
  EXPECT_EQ(out[0].subject, "subject of update-reminder");
}

TEST_F(Rules, APassedTargetGoesToTheEngineeringManagerOrForAP0ToTheExecutives) {
  auto p1 = Incident(Severity::kP1);
  auto out =
      Run(p1, events::ClockBreached{ClockKind::kTargetResolution, T("2026-02-12T18:23:00Z")});
  EXPECT_EQ(Keys(out), (std::vector<std::string>{"INC-1:7:chat:escalation",
                                                 "INC-1:7:person-email:escalation:emma"}));
  EXPECT_EQ(out[0].body, "target-resolution-passed\ndue_at=18:23 UTC\nescalated_to_executives=");
  auto p0 = Incident(Severity::kP0);
  out = Run(p0, events::ClockBreached{ClockKind::kTargetResolution, T("2026-02-12T18:23:00Z")});
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].idempotency_key, "INC-1:7:exec-mail:escalation");
  EXPECT_EQ(out[0].audience, Audience::kExecutives);
  EXPECT_EQ(out[0].body, "target-resolution-passed\ndue_at=18:23 UTC\nescalated_to_executives=yes");
  EXPECT_EQ(out[1].idempotency_key, "INC-1:7:person-email:escalation:tom");
  EXPECT_EQ(out[1].audience, Audience::kInternal);
}

TEST_F(Rules, ARestrictedIncidentsBreachesRemindItsParticipantsOnly) {
  auto h = Incident(Severity::kP1, Visibility::kRestricted);
  auto out = Run(h, events::ClockBreached{ClockKind::kTargetResolution, T("2026-02-12T18:23:00Z")});
  EXPECT_EQ(Keys(out), (std::vector<std::string>{"INC-1:7:person-email:escalation:sarah"}))
      << "not the incidents channel, nor the engineering manager";
}

TEST_F(Rules, OnlyARecurrenceOrTheLastAlertResolvingTellsTheCommander) {
  auto h = Incident(Severity::kP1);
  events::AlertGroupAttached a{"am", "g1", "Down", 1, T("2026-02-12T14:00:00Z"), false};
  EXPECT_TRUE(Run(h, a).empty());
  a.recurrence = true;
  auto out = Run(h, a);
  EXPECT_EQ(Keys(out), (std::vector<std::string>{"INC-1:7:chat:reminder",
                                                 "INC-1:7:person-email:reminder:sarah"}));
  EXPECT_EQ(out[0].body, "alerts-recurred\nalert_summary=Down\ngroup_key=g1");
  EXPECT_TRUE(Run(h, events::AlertsResolved{"am", "g1", 1, 0, 2}).empty()) << "others still fire";
  out = Run(h, events::AlertsResolved{"am", "g1", 1, 0, 0});
  EXPECT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].body, "alerts-resolved");
}

TEST_F(Rules, AnUnknownOutcomeAsksTheCommunicationsLeadToCheckInPerson) {
  auto h = Incident(Severity::kP1);
  events::MessageOutcomeUnknown u;
  u.message_id = 42;
  u.destination = "statuspage";
  u.kind = "message";
  u.audience = "status-page";
  u.detail = "timed out";
  auto out = Run(h, u);
  // No CL assigned: the groups that fill the role (no such group is
  // configured here, so the names are the handles).
  EXPECT_EQ(Keys(out),
            (std::vector<std::string>{"INC-1:7:person-email:reminder:operations-lead",
                                      "INC-1:7:person-email:reminder:customer-success"}));
  EXPECT_EQ(out[0].body,
            "delivery-unknown\nmessage_audience=status-page\nmessage_destination=statuspage\n"
            "message_detail=timed out\nmessage_id=42\nmessage_kind=message");
}

TEST_F(Rules, EventsWithoutARuleOweNothing) {
  EXPECT_EQ(RuleFor(EventPayload{events::Acknowledged{}}), nullptr);
  EXPECT_EQ(RuleFor(EventPayload{events::SeverityChanged{}}), nullptr);
  EXPECT_NE(RuleFor(EventPayload{events::Resolved{}}), nullptr);
  EXPECT_EQ(EventTypesWithRules().size(), 12u);
}

TEST_F(Rules, AnActionItemAddedForSomeoneElseTellsTheOwnerInPerson) {
  auto h = Incident(Severity::kP1);
  c::AddActionItem a{"Add leak detection to CI", "mike", "2026-02-20", Severity::kP0, ""};
  ASSERT_TRUE(h.Run(a, T("2026-02-12T15:00:00Z"), "sarah").ok());
  auto added = h.history().back().payload;
  auto out = Run(h, added, "2026-02-12T15:00:00Z", 2, "sarah");
  EXPECT_EQ(Keys(out), (std::vector<std::string>{"INC-1:2:person-email:message:mike"}));
  EXPECT_EQ(out[0].recipient, "mike@example.com");
  EXPECT_EQ(out[0].body,
            "action-item-assigned\nactor=sarah\nitem_due=2026-02-20\nitem_id=1\nitem_owner=mike\n"
            "item_priority=P0\nitem_title=Add leak detection to CI\nitem_tracker_url=");
  // One's own item is no news.
  EXPECT_TRUE(Run(h, added, "2026-02-12T15:00:00Z", 2, "mike").empty());
}

TEST_F(Rules, AnOverdueItemRemindsTheOwnerThenTheIcToo) {
  auto h = Incident(Severity::kP1);
  ASSERT_TRUE(
      h.Run(c::AssignRole{Role::kIncidentCommander, "ian"}, T("2026-02-12T14:30:00Z"), "sarah")
          .ok());
  c::AddActionItem a{"Improve staging parity", "mike", "2026-02-13", Severity::kP1, ""};
  ASSERT_TRUE(h.Run(a, T("2026-02-12T15:00:00Z"), "ian").ok());
  auto first = Run(h, events::ActionItemReminded{1, "2026-02-14", 1, {"mike"}},
                   "2026-02-14T00:00:00Z", 4, "warroom");
  EXPECT_EQ(Keys(first), (std::vector<std::string>{"INC-1:4:person-email:reminder:mike"}));
  EXPECT_EQ(first[0].kind, store::OutboxKind::kReminder);
  auto second = Run(h, events::ActionItemReminded{1, "2026-02-15", 2, {"mike", "ian"}},
                    "2026-02-15T00:00:00Z", 5, "warroom");
  EXPECT_EQ(Keys(second), (std::vector<std::string>{"INC-1:5:person-email:reminder:mike",
                                                    "INC-1:5:person-email:reminder:ian"}));
  EXPECT_NE(second[0].body.find("escalated=yes"), std::string::npos);
}

TEST_F(Rules, WithoutARendererEveryTextIsTheBareHeadline) {
  renderer_ = nullptr;
  auto h = Incident(Severity::kP1);
  auto out = Run(h, events::Resolved{});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].body, "INC-1 P1: Checkout down");
}

TEST_F(Rules, ATriageNoticeIsAboutNoIncidentAndGoesToTheTriageRouteWhenThereIsOne) {
  TriageInput in{routing_,    renderer_, "grafana", "g:disk",
                 "Disk full", 3,         17,        T("2026-02-12T09:00:00Z")};
  auto out = TriageNotice(in);
  ASSERT_EQ(Keys(out), (std::vector<std::string>{"triage:grafana:17:chat"}));
  EXPECT_EQ(out[0].incident_id, "");
  EXPECT_EQ(out[0].body,
            "triage (no incident)\nalert_summary=Disk full\nalerts=3\nfirst_alert_id=17\ngroup_"
            "key=g:disk\nintegration=grafana");
  routing_.routes["triage"] = {"triage-chat"};
  EXPECT_EQ(Keys(TriageNotice(in)), (std::vector<std::string>{"triage:grafana:17:triage-chat"}));
}

}  // namespace
}  // namespace warroom::engine::notify_rules
