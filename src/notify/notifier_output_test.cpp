// The whole Notifier's output, with the built-in templates, for scripted
// incidents that pass through every rule: declared, updates, a page, a
// freeze, alerts, every clock breached, an unknown outcome, resolved; a
// restricted incident; a P0; triage notices. The expected text was captured
// from the single builder before it was split into rules: every message's
// destination, recipient, kind, audience, subject, body and idempotency key
// must stay byte for byte as it was.
#include <gtest/gtest.h>

#include <map>

#include "base/time_zone.hpp"
#include "core/incident/history_builder.hpp"
#include "engine/notifier.hpp"
#include "notify/notifier_output_golden.hpp"
#include "notify/templates.hpp"

namespace warroom::notify {
namespace {

using namespace core;
namespace c = core::commands;
TimePoint T(const char* s) { return *ParseTime(s); }

engine::PolicyEntry Entry() {
  auto zone = std::make_shared<FixedOffsetZone>();
  const Policy& p = DefaultPolicy();
  return engine::PolicyEntry{p, std::make_shared<BusinessCalendar>(p.business_hours, zone)};
}

engine::Routing Routes(bool triage) {
  engine::Routing r;
  r.routes = {{"internal", {"slack-incidents"}}, {"pages", {"pagerduty"}},
              {"war-room", {"slack-war-room"}},  {"status-page", {"statuspage"}},
              {"executives", {"exec-email"}},    {"customers", {"customer-email"}}};
  if (triage) r.routes["triage"] = {"slack-triage", "triage-email"};
  return r;
}

const engine::StaticGroups& Groups() {
  static const engine::StaticGroups g({{"oncall-sre", {"olive", "sarah"}},
                                       {"oncall-backend", {"bob"}},
                                       {"incident-commander", {"ian", "ivy"}},
                                       {"communications-lead", {"cara"}},
                                       {"engineering-manager", {"emma"}},
                                       {"cto", {"tom"}}});
  return g;
}

std::optional<store::User> FindUser(const std::string& handle) {
  if (handle == "nobody") return std::nullopt;
  store::User u;
  u.handle = handle;
  u.email = handle + "@example.com";
  // One without Slack: only its email is reached.
  if (handle != "bob") u.slack_member_id = "U-" + handle;
  return u;
}

std::string Dump(const std::vector<store::OutboxMessage>& messages) {
  std::string out;
  for (const auto& m : messages) {
    out += "--- " + m.idempotency_key + "\n";
    out += "incident=" + m.incident_id + " cause=" + std::to_string(m.cause_seq) +
           " dest=" + m.destination + " recipient=" + m.recipient +
           " kind=" + std::string(store::OutboxKindName(m.kind)) +
           " audience=" + std::string(core::AudienceName(m.audience)) +
           " retry=" + (m.retry_on_unknown ? "1" : "0") + " next=" + FormatTime(m.next_attempt_at) +
           " created=" + FormatTime(m.created_at) + "\n";
    out += "subject=" + m.subject + "\n";
    out += m.body + "\n";
  }
  return out;
}

// Where two outputs part (with the lines around it), or "" when they are
// the same: the whole output is too long to read in a failure.
std::string FirstDifference(const std::string& got, const std::string& want) {
  if (got == want) return "";
  std::size_t i = 0;
  while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
  std::size_t from = got.rfind("\n---", i);
  from = from == std::string::npos ? 0 : from;
  return "at byte " + std::to_string(i) + ":\ngot:  " + got.substr(from, i - from + 200) +
         "\nwant: " + want.substr(from, i - from + 200);
}

// Runs commands on one incident and collects what each one's events owe.
class Script {
 public:
  Script(const engine::Notifier& n, std::string id, std::string* out)
      : notifier_(n), h_(DefaultPolicy(), std::move(id)), out_(out) {}

  void Run(const Command& cmd, const char* at, std::string user = "sarah") {
    Collect(h_.Run(cmd, T(at), std::move(user)), at);
  }
  void System(const Command& cmd, const char* at) {
    Collect(h_.RunAs(cmd, T(at), Actor::System()), at);
  }

 private:
  void Collect(const Outcome& o, const char* at) {
    ASSERT_TRUE(o.ok()) << o.error().message << " at " << at;
    std::vector<Event> appended(h_.history().begin() + static_cast<long>(seen_),
                                h_.history().end());
    seen_ = h_.history().size();
    *out_ += Dump(notifier_.MessagesFor(h_.state(), appended, entry_, T(at), FindUser));
  }

  const engine::Notifier& notifier_;
  HistoryBuilder h_;
  engine::PolicyEntry entry_ = Entry();
  std::size_t seen_ = 0;
  std::string* out_;
};

std::string PublicP1(const engine::Notifier& n) {
  std::string out;
  Script s(n, "INC-2026-02-12-001", &out);
  c::Declare d;
  d.severity = Severity::kP1;
  d.summary = "Scheduler not executing goals";
  d.detected_at = T("2026-02-12T14:15:00Z");
  s.Run(d, "2026-02-12T14:23:00Z");
  s.System(c::RecordBreach{ClockKind::kAcknowledge, T("2026-02-12T14:28:00Z"), false},
           "2026-02-12T14:28:00Z");
  s.Run(c::Acknowledge{}, "2026-02-12T14:29:00Z");
  s.Run(c::Join{"mike"}, "2026-02-12T14:30:00Z");
  s.Run(c::PostUpdate{Audience::kInternal, "Looking at the scheduler", "", false, ""},
        "2026-02-12T14:40:00Z");
  s.Run(c::PostUpdate{Audience::kStatusPage, "We are investigating.\n", "", false, ""},
        "2026-02-12T14:41:00Z");
  s.Run(c::PostUpdate{Audience::kInternal, "Still on it. Next update: soon", "", false, ""},
        "2026-02-12T14:42:00Z");
  s.Run(c::PostUpdate{Audience::kCustomers, "Dear customers", "", false, ""},
        "2026-02-12T14:43:00Z");
  s.Run(c::Page{"oncall-backend", "the database"}, "2026-02-12T14:44:00Z");
  s.Run(c::Page{"mike", ""}, "2026-02-12T14:45:00Z");
  s.Run(c::Freeze{"bad deploys"}, "2026-02-12T14:46:00Z");
  s.Run(c::Unfreeze{""}, "2026-02-12T14:47:00Z");
  s.Run(c::Freeze{"again"}, "2026-02-12T14:47:30Z");
  s.Run(c::Unfreeze{"safe now"}, "2026-02-12T14:48:00Z");
  s.System(c::RecordBreach{ClockKind::kUpdate, T("2026-02-12T15:12:00Z"), false},
           "2026-02-12T15:12:00Z");
  s.Run(c::AssignRole{Role::kCommunicationsLead, "cara"}, "2026-02-12T15:13:00Z");
  s.System(c::RecordBreach{ClockKind::kUpdate, T("2026-02-12T15:42:00Z"), false},
           "2026-02-12T15:42:00Z");
  s.System(c::RecordBreach{ClockKind::kCustomerCommunication, T("2026-02-12T15:43:00Z"), false},
           "2026-02-12T15:43:00Z");
  s.System(c::RecordBreach{ClockKind::kExecutiveNotification, T("2026-02-12T15:44:00Z"), false},
           "2026-02-12T15:44:00Z");
  s.System(c::RecordBreach{ClockKind::kUpdate, T("2026-02-12T15:45:00Z"), true},
           "2026-02-12T15:45:00Z");
  events::AlertGroupAttached g{
      "alertmanager", "{}:{alertname=\"Down\"}", "Down", 2, T("2026-02-12T14:10:00Z"), false};
  s.System(c::AttachAlerts{g}, "2026-02-12T15:46:00Z");
  s.System(c::RecordAlertsResolved{{"alertmanager", g.group_key, 1, 1, 1}}, "2026-02-12T15:47:00Z");
  s.System(c::RecordAlertsResolved{{"alertmanager", g.group_key, 1, 0, 0}}, "2026-02-12T15:48:00Z");
  g.recurrence = true;
  s.System(c::AttachAlerts{g}, "2026-02-12T15:49:00Z");
  c::RecordMessageOutcome unknown;
  unknown.outcome = c::RecordMessageOutcome::Outcome::kUnknown;
  unknown.message = {42, "statuspage", "message", "status-page", 1, "timed out"};
  s.System(unknown, "2026-02-12T15:50:00Z");
  s.System(c::RecordBreach{ClockKind::kTargetResolution, T("2026-02-12T18:23:00Z"), false},
           "2026-02-12T18:23:00Z");
  s.Run(c::Identify{"a memory leak", "deployment"}, "2026-02-12T18:30:00Z");
  s.Run(c::Mitigate{"rolled back"}, "2026-02-12T18:40:00Z");
  s.Run(c::Resolve{"rolled back and the scheduler resumed", false, ""}, "2026-02-12T19:50:00Z");
  s.System(c::RecordBreach{ClockKind::kPostIncidentReview, T("2026-02-14T19:00:00Z"), false},
           "2026-02-14T19:00:00Z");
  s.System(c::RecordAlertsResolved{{"alertmanager", g.group_key, 2, 0, 0}}, "2026-02-14T19:01:00Z");
  return out;
}

std::string RestrictedP1(const engine::Notifier& n) {
  std::string out;
  Script s(n, "INC-2026-02-12-002", &out);
  c::Declare d;
  d.severity = Severity::kP1;
  d.summary = "Credential leak";
  d.visibility = Visibility::kRestricted;
  s.Run(d, "2026-02-12T10:00:00Z", "sam");
  s.Run(c::Join{"rita"}, "2026-02-12T10:01:00Z", "sam");
  s.Run(c::Join{"nobody"}, "2026-02-12T10:01:30Z", "sam");
  s.System(c::RecordBreach{ClockKind::kAcknowledge, T("2026-02-12T10:05:00Z"), false},
           "2026-02-12T10:05:00Z");
  s.Run(c::PostUpdate{Audience::kInternal, "Rotating keys", "", false, ""}, "2026-02-12T10:10:00Z",
        "sam");
  s.Run(c::Page{"oncall-sre", "need hands"}, "2026-02-12T10:12:00Z", "sam");
  s.Run(c::Freeze{"leak"}, "2026-02-12T10:13:00Z", "sam");
  s.System(c::RecordBreach{ClockKind::kUpdate, T("2026-02-12T10:41:00Z"), false},
           "2026-02-12T10:41:00Z");
  s.System(c::RecordBreach{ClockKind::kCustomerCommunication, T("2026-02-12T10:42:00Z"), false},
           "2026-02-12T10:42:00Z");
  s.System(c::RecordBreach{ClockKind::kTargetResolution, T("2026-02-12T14:00:00Z"), false},
           "2026-02-12T14:00:00Z");
  s.Run(c::Identify{"a leaked key", "security"}, "2026-02-12T14:20:00Z", "sam");
  s.Run(c::Mitigate{"keys rotated"}, "2026-02-12T14:30:00Z", "sam");
  s.Run(c::Resolve{"rotated", false, ""}, "2026-02-12T15:30:00Z", "sam");
  return out;
}

std::string PublicP0(const engine::Notifier& n) {
  std::string out;
  Script s(n, "INC-2026-02-12-003", &out);
  c::Declare d;
  d.severity = Severity::kP0;
  d.summary = "Everything is down";
  s.Run(d, "2026-02-12T20:00:00Z", "ian");
  s.System(c::RecordBreach{ClockKind::kAcknowledge, T("2026-02-12T20:05:00Z"), false},
           "2026-02-12T20:05:00Z");
  s.Run(c::ChangeSeverity{Severity::kP1, "contained"}, "2026-02-12T20:10:00Z", "ian");
  s.Run(c::ChangeSeverity{Severity::kP0, "spread again"}, "2026-02-12T20:11:00Z", "ian");
  s.System(c::RecordBreach{ClockKind::kTargetResolution, T("2026-02-12T22:00:00Z"), false},
           "2026-02-12T22:00:00Z");
  return out;
}

std::string Triage(const engine::Notifier& n) {
  return Dump(n.TriageNotice("grafana", "grafana:disk", "Disk full on db-1", 3, 17,
                             T("2026-02-12T09:00:00Z")));
}

std::string All(bool triage_route) {
  TemplateSet templates;
  engine::Notifier n(Routes(triage_route), &templates, &Groups(),
                     {{"person-email", "email"}, {"person-slack", "slack"}});
  return "== public P1\n" + PublicP1(n) + "== restricted P1\n" + RestrictedP1(n) +
         "== public P0\n" + PublicP0(n) + "== triage\n" + Triage(n);
}

TEST(NotifierOutput, EveryMessageOfAScriptedIncidentIsAsBeforeTheSplit) {
  std::string got = All(false);
  EXPECT_EQ(FirstDifference(got, kNotifierGolden), "");
}

TEST(NotifierOutput, TriageNoticesGoToTheTriageRouteWhenThereIsOne) {
  TemplateSet templates;
  engine::Notifier n(Routes(true), &templates, &Groups(), {});
  std::string got = Triage(n);
  EXPECT_EQ(FirstDifference(got, kTriageGolden), "");
}

}  // namespace
}  // namespace warroom::notify
