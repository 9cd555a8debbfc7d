// The AlertRouter through IngestService on the store's memory twin: routes'
// matchers, declaring one incident per group (a storm declares once), join-
// only and triage routes, a responder's triage, resolutions and recurrence.
#include "engine/alert_router.hpp"

#include <gtest/gtest.h>

#include "engine/engine_test_support.hpp"
#include "engine/ingest_service.hpp"

namespace warroom::engine {
namespace {

using namespace std::chrono_literals;
using core::Disposition;
using core::Severity;
using core::Status;
using testing::kMemoryStart;
namespace cmd = core::commands;
using Types = std::vector<std::string>;

core::LabelMatcher Eq(std::string label, std::string value) {
  core::LabelMatcher m;
  m.label = std::move(label);
  m.value = std::move(value);
  return m;
}

core::AlertRouting Routes() {
  core::AlertRouting routing;
  core::AlertRoute db;
  db.name = "db-page";
  db.matchers = {Eq("team", "db")};
  db.action = core::RouteAction::kDeclare;
  db.severity.fixed = Severity::kP1;
  core::AlertRoute api;
  api.name = "api-by-label";
  api.matchers = {Eq("team", "api")};
  api.action = core::RouteAction::kDeclare;
  api.severity.label = "severity";
  api.severity.by_value = {{"critical", Severity::kP0}};
  core::AlertRoute noise;
  noise.name = "noise";
  noise.matchers = {Eq("team", "noise")};
  noise.action = core::RouteAction::kAttach;
  core::AlertRoute security;
  security.name = "security";
  security.matchers = {Eq("team", "security")};
  security.action = core::RouteAction::kDeclare;
  security.severity.fixed = Severity::kP1;
  security.source = core::DetectionSource::kSecurityAlert;
  routing.routes = {db, api, noise, security};
  return routing;
}

class AlertRouterTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    router_ = std::make_unique<AlertRouter>(*incidents_, Routes());
    ingest_ = std::make_unique<IngestService>(store_, clock_);
    ingest_->SetRouter(router_.get(), incidents_.get());
    std::optional<Result<IssuedKey>> key;
    ingest_->CreateIntegration(Admin(), "prom", "generic",
                               [&](Result<IssuedKey> r) { key.emplace(std::move(r)); });
    ASSERT_TRUE(key && key->ok());
    key_ = (*key)->key;
  }

  static core::Alert Firing(std::string key, std::string group, std::string team,
                            Duration ago = 0min) {
    core::Alert a;
    a.key = std::move(key);
    a.group_key = std::move(group);
    a.summary = "replication lag";
    a.labels = {{"team", std::move(team)}};
    a.starts_at = kMemoryStart - ago;
    return a;
  }
  static core::Alert Resolved(core::Alert a) {
    a.status = core::AlertStatus::kResolved;
    return a;
  }

  Result<IngestResult> Ingest(std::vector<core::Alert> alerts,
                              const std::string& type = "generic") {
    std::optional<Result<IngestResult>> out;
    ingest_->Ingest(key_, type, std::move(alerts), clock_->Now(),
                    [&](Result<IngestResult> r) { out.emplace(std::move(r)); });
    EXPECT_TRUE(out.has_value());
    return out ? std::move(*out) : Result<IngestResult>(Error::Internal("no answer"));
  }

  std::vector<store::AlertRecord> Alerts(store::AlertFilter f = {}) {
    std::optional<Result<std::vector<store::AlertRecord>>> out;
    ingest_->ListAlerts(Admin(), f, [&](auto r) { out.emplace(std::move(r)); });
    EXPECT_TRUE(out && out->ok());
    return out && out->ok() ? **out : std::vector<store::AlertRecord>{};
  }

  std::vector<core::Event> Timeline(const std::string& id) {
    std::optional<Result<IncidentView>> out;
    incidents_->GetWithTimeline(Admin(), id, [&](auto r) { out.emplace(std::move(r)); });
    EXPECT_TRUE(out && out->ok());
    return out && out->ok() ? (*out)->events : std::vector<core::Event>{};
  }

  // Resolves `id` (declared by an integration, so as the admin).
  void ResolveIncident(const std::string& id) {
    ASSERT_TRUE(Run(Admin(), id, cmd::Identify{"a bad deploy", "deployment"}).ok());
    ASSERT_TRUE(Run(Admin(), id, cmd::Mitigate{"rolled back"}).ok());
    clock_->Advance(1h);
    cmd::Resolve r;
    r.summary = "stable";
    auto v = Run(Admin(), id, r);
    ASSERT_TRUE(v.ok()) << v.error().message;
  }

  std::unique_ptr<AlertRouter> router_;
  std::unique_ptr<IngestService> ingest_;
  std::string key_;
};

// A summary of nothing but white space (a form feed counts, as it does for
// the declare check) becomes "alert", so the route declares rather than
// sending the group to triage with an incident number used up.
TEST_F(AlertRouterTest, AnAlertWhoseSummaryIsOnlyWhiteSpaceStillDeclares) {
  core::Alert a = Firing("a1", "db/lag", "db");
  a.summary = "\f\v ";
  auto r = Ingest({a});
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->incidents, Types{"INC-2026-02-12-001"});
  auto v = Get(Admin(), r->incidents[0]);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->state.summary, "alert");
}

// The request read the clock just before it stepped back (NTP, or the
// simulated clock set back), and its alert starts after the writer's now:
// the declaration is refused (an incident is not detected after it is
// declared), so the alert waits in triage, and the refusal takes no number
// from the day's sequence.
TEST_F(AlertRouterTest, ADeclarationTheRouteCannotMakeWaitsInTriageAndTakesNoNumber) {
  core::Alert ahead = Firing("a1", "db/lag", "db");
  ahead.starts_at = kMemoryStart + 2min;
  std::optional<Result<IngestResult>> r;
  ingest_->Ingest(key_, "generic", std::vector<core::Alert>{ahead}, kMemoryStart + 1min,
                  [&](auto out) { r.emplace(std::move(out)); });
  ASSERT_TRUE(r && r->ok()) << r->error().message;
  EXPECT_TRUE((*r)->incidents.empty());
  ASSERT_EQ(Alerts().size(), 1u);
  EXPECT_EQ(Alerts()[0].disposition, Disposition::kTriage);
  EXPECT_EQ(Alerts()[0].incident_id, "");

  auto next = Ingest({Firing("a2", "db/cpu", "db")});
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->incidents, Types{"INC-2026-02-12-001"});
}

TEST_F(AlertRouterTest, AStormOfOneGroupDeclaresOneIncidentWithTheRoutesSeverity) {
  auto r = Ingest({Firing("a1", "db/lag", "db", 3min), Firing("a2", "db/lag", "db", 7min),
                   Firing("a3", "db/lag", "db", 1min)});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->received, 3);
  EXPECT_EQ(r->created, 3);
  ASSERT_EQ(r->incidents, Types{"INC-2026-02-12-001"});
  const std::string id = r->incidents[0];

  auto v = Get(Admin(), id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->state.severity, Severity::kP1);
  EXPECT_EQ(v->state.source, core::DetectionSource::kAutomatedMonitoring);
  EXPECT_EQ(v->state.detected_at, kMemoryStart - 7min);  // the earliest start
  EXPECT_EQ(v->state.summary, "replication lag (+2 more alerts)");
  EXPECT_EQ(EventTypes(id), (Types{"declared", "alert_group_attached"}));
  auto timeline = Timeline(id);
  ASSERT_EQ(timeline.size(), 2u);
  EXPECT_EQ(timeline[0].actor.kind, core::Actor::Kind::kIntegration);
  auto* g = std::get_if<core::events::AlertGroupAttached>(&timeline[1].payload);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->alerts, 3);
  EXPECT_EQ(g->group_key, "db/lag");
  EXPECT_FALSE(g->recurrence);
  for (const auto& a : Alerts()) {
    EXPECT_EQ(a.disposition, Disposition::kIncident);
    EXPECT_EQ(a.incident_id, id);
    EXPECT_EQ(a.route, "db-page");
  }
}

TEST_F(AlertRouterTest, ARepeatedReportIsARepeatAndDeclaresNothingNew) {
  ASSERT_TRUE(Ingest({Firing("a1", "db/lag", "db")}).ok());
  clock_->Advance(1min);
  auto r = Ingest({Firing("a1", "db/lag", "db")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->created, 0);
  EXPECT_EQ(r->repeats, 1);
  EXPECT_TRUE(r->incidents.empty());
  EXPECT_EQ(EventTypes("INC-2026-02-12-001").size(), 2u);
  auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].fire_count, 2);
}

TEST_F(AlertRouterTest, ANewAlertOfAGroupStillFiringJoinsItsIncidentWithoutANewEvent) {
  ASSERT_TRUE(Ingest({Firing("a1", "db/lag", "db")}).ok());
  auto r = Ingest({Firing("a2", "db/lag", "db")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->created, 1);
  EXPECT_EQ(EventTypes("INC-2026-02-12-001"), (Types{"declared", "alert_group_attached"}));
  store::AlertFilter f;
  f.incident_id = "INC-2026-02-12-001";
  EXPECT_EQ(Alerts(f).size(), 2u);
}

TEST_F(AlertRouterTest, TheSeverityLabelPicksTheSeverityAndWithoutItTheAlertWaitsInTriage) {
  core::Alert critical = Firing("c1", "api/5xx", "api");
  critical.labels.push_back({"severity", "critical"});
  auto r = Ingest({critical, Firing("u1", "api/latency", "api")});
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->incidents.size(), 1u);
  auto v = Get(Admin(), r->incidents[0]);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->state.severity, Severity::kP0);
  store::AlertFilter waiting;
  waiting.disposition = Disposition::kTriage;
  auto triage = Alerts(waiting);
  ASSERT_EQ(triage.size(), 1u);
  EXPECT_EQ(triage[0].alert_key, "u1");
}

TEST_F(AlertRouterTest, AnAlertNoRouteMatchesWaitsInTriage) {
  auto r = Ingest({Firing("x1", "web/cert", "web")});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->incidents.empty());
  auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].disposition, Disposition::kTriage);
  EXPECT_EQ(alerts[0].route, "");
}

TEST_F(AlertRouterTest, AnAttachRouteWithoutAHolderOnlyRecordsTheAlert) {
  auto r = Ingest({Firing("n1", "noise/disk", "noise")});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->incidents.empty());
  auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].disposition, Disposition::kRecorded);
  EXPECT_EQ(alerts[0].route, "noise");
}

TEST_F(AlertRouterTest, AResponderDeclaresFromTriageAndTheGroupsLaterAlertsFollow) {
  ASSERT_TRUE(Ingest({Firing("x1", "web/cert", "web")}).ok());
  std::int64_t alert_id = Alerts().at(0).id;
  AlertRouter::Declaration d;
  d.alert_ids = {alert_id};
  d.severity = Severity::kP2;
  std::optional<Result<std::string>> declared;
  ingest_->DeclareFromTriage(As("bob"), d, [&](auto r) { declared.emplace(std::move(r)); });
  ASSERT_TRUE(declared && declared->ok()) << declared->error().message;
  const std::string id = **declared;
  auto v = Get(Admin(), id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->state.severity, Severity::kP2);
  EXPECT_EQ(v->state.Commander(), "bob");
  EXPECT_EQ(EventTypes(id), (Types{"declared", "alert_group_attached"}));
  auto a = Alerts().at(0);
  EXPECT_EQ(a.disposition, Disposition::kIncident);
  EXPECT_EQ(a.incident_id, id);
  EXPECT_EQ(a.triaged_by, "bob");

  auto later = Ingest({Firing("x2", "web/cert", "web")});
  ASSERT_TRUE(later.ok());
  store::AlertFilter f;
  f.incident_id = id;
  EXPECT_EQ(Alerts(f).size(), 2u);
}

TEST_F(AlertRouterTest, AResponderAttachesFromTriageToAnOpenIncident) {
  std::string id = Declare(Severity::kP2);
  ASSERT_TRUE(Ingest({Firing("x1", "web/cert", "web")}).ok());
  std::int64_t alert_id = Alerts().at(0).id;
  std::optional<Result<Ok>> r;
  ingest_->AttachFromTriage(As("alice"), {alert_id}, id, [&](auto o) { r.emplace(o); });
  ASSERT_TRUE(r && r->ok()) << r->error().message;
  EXPECT_EQ(EventTypes(id), (Types{"declared", "alert_group_attached"}));
  EXPECT_EQ(Alerts().at(0).incident_id, id);

  // Attached alerts no longer wait: attaching again is refused.
  std::optional<Result<Ok>> again;
  ingest_->AttachFromTriage(As("alice"), {alert_id}, id, [&](auto o) { again.emplace(o); });
  ASSERT_TRUE(again && !again->ok());
  EXPECT_EQ(again->error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(again->error().message, "alert " + std::to_string(alert_id) +
                                        " is not waiting in triage: it is incident (" + id + ")");
}

TEST_F(AlertRouterTest, TriageRefusesAViewerAndHidesARestrictedIncident) {
  std::string secret = Declare(Severity::kP2, "alice", core::Visibility::kRestricted);
  ASSERT_TRUE(Ingest({Firing("x1", "web/cert", "web")}).ok());
  std::int64_t alert_id = Alerts().at(0).id;
  AlertRouter::Declaration d;
  d.alert_ids = {alert_id};
  std::optional<Result<std::string>> declared;
  ingest_->DeclareFromTriage(As("vic", store::Permission::kViewer), d,
                             [&](auto r) { declared.emplace(std::move(r)); });
  ASSERT_TRUE(declared && !declared->ok());
  EXPECT_EQ(declared->error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(declared->error().message, "vic is a viewer: declaring needs a responder");

  std::optional<Result<Ok>> attached;
  ingest_->AttachFromTriage(As("bob"), {alert_id}, secret, [&](auto o) { attached.emplace(o); });
  ASSERT_TRUE(attached && !attached->ok());
  EXPECT_EQ(attached->error().code, ErrorCode::kNotFound);
  EXPECT_EQ(attached->error().message,
            "no incident " + secret + " (list incidents with `warroom list`)");
  EXPECT_EQ(Alerts().at(0).disposition, Disposition::kTriage);
  EXPECT_EQ(EventTypes(secret).size(), 1u);
}

TEST_F(AlertRouterTest, AttachingFromTriageToAResolvedIncidentIsRefused) {
  std::string id = Declare(Severity::kP2);
  ResolveIncident(id);
  ASSERT_TRUE(Ingest({Firing("x1", "web/cert", "web")}).ok());
  std::int64_t alert_id = Alerts().at(0).id;
  std::size_t count = EventTypes(id).size();
  std::optional<Result<Ok>> r;
  ingest_->AttachFromTriage(As("alice"), {alert_id}, id, [&](auto o) { r.emplace(o); });
  ASSERT_TRUE(r && !r->ok());
  EXPECT_EQ(r->error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(r->error().message.rfind(id + " is resolved: alerts attach to open incidents", 0), 0u);
  EXPECT_EQ(EventTypes(id).size(), count);
  EXPECT_EQ(Alerts().at(0).disposition, Disposition::kTriage);
}

TEST_F(AlertRouterTest, DismissingFromTriageNeedsAResponderAndRecordsTheReason) {
  ASSERT_TRUE(Ingest({Firing("x1", "web/cert", "web")}).ok());
  std::int64_t alert_id = Alerts().at(0).id;
  std::optional<Result<Ok>> refused;
  ingest_->DismissFromTriage(As("vic", store::Permission::kViewer), {alert_id}, "noise",
                             [&](auto o) { refused.emplace(o); });
  ASSERT_TRUE(refused && !refused->ok());
  EXPECT_EQ(refused->error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Alerts().at(0).disposition, Disposition::kTriage);

  std::optional<Result<Ok>> r;
  ingest_->DismissFromTriage(As("bob"), {alert_id}, "known flake", [&](auto o) { r.emplace(o); });
  ASSERT_TRUE(r && r->ok());
  auto a = Alerts().at(0);
  EXPECT_EQ(a.disposition, Disposition::kDismissed);
  EXPECT_EQ(a.triaged_by, "bob");
  EXPECT_EQ(a.triage_note, "known flake");
}

TEST_F(AlertRouterTest, AnUnknownAlertIdInTriageIsNotFound) {
  std::optional<Result<Ok>> r;
  ingest_->DismissFromTriage(As("bob"), {4242}, "", [&](auto o) { r.emplace(o); });
  ASSERT_TRUE(r && !r->ok());
  EXPECT_EQ(r->error().code, ErrorCode::kNotFound);
  EXPECT_EQ(r->error().message,
            "no alert 4242 (list those waiting with `warroom alerts --triage`)");
}

TEST_F(AlertRouterTest, ResolvedAlertsAreRecordedButNeverResolveTheIncident) {
  core::Alert a1 = Firing("a1", "db/lag", "db");
  core::Alert a2 = Firing("a2", "db/lag", "db");
  auto r = Ingest({a1, a2});
  ASSERT_TRUE(r.ok());
  const std::string id = r->incidents.at(0);
  clock_->Advance(5min);
  ASSERT_TRUE(Ingest({Resolved(a1), Resolved(a2)}).ok());
  auto timeline = Timeline(id);
  ASSERT_EQ(timeline.size(), 3u);
  auto* res = std::get_if<core::events::AlertsResolved>(&timeline[2].payload);
  ASSERT_NE(res, nullptr);
  EXPECT_EQ(res->resolved, 2);
  EXPECT_EQ(res->group_firing, 0);
  EXPECT_EQ(res->firing, 0);
  auto v = Get(Admin(), id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->state.status, Status::kInvestigating);
}

TEST_F(AlertRouterTest, AGroupFiringAgainWithinTheRecurrenceWindowRejoinsItsResolvedIncident) {
  auto first = Ingest({Firing("a1", "db/lag", "db")});
  ASSERT_TRUE(first.ok());
  const std::string id = first->incidents.at(0);
  ResolveIncident(id);
  clock_->Advance(30min);
  auto again = Ingest({Firing("a2", "db/lag", "db")});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->incidents, Types{id});
  auto timeline = Timeline(id);
  auto* g = std::get_if<core::events::AlertGroupAttached>(&timeline.back().payload);
  ASSERT_NE(g, nullptr);
  EXPECT_TRUE(g->recurrence);
  auto v = Get(Admin(), id);
  EXPECT_EQ(v->state.status, Status::kResolved);  // people reopen, not alerts
}

TEST_F(AlertRouterTest, AGroupFiringAgainAfterTheRecurrenceWindowDeclaresANewIncident) {
  auto first = Ingest({Firing("a1", "db/lag", "db")});
  ASSERT_TRUE(first.ok());
  const std::string id = first->incidents.at(0);
  ResolveIncident(id);
  clock_->Advance(2h);
  auto again = Ingest({Firing("a2", "db/lag", "db")});
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->incidents.size(), 1u);
  EXPECT_NE(again->incidents[0], id);
  EXPECT_EQ(EventTypes(again->incidents[0]), (Types{"declared", "alert_group_attached"}));
}

TEST_F(AlertRouterTest, AWrongKeyIsUnauthenticatedAndAKeyOfAnotherTypeIsRefused) {
  std::optional<Result<IngestResult>> wrong;
  ingest_->Ingest("wri_" + std::string(64, '0'), "generic",
                  std::vector<core::Alert>{Firing("a1", "db/lag", "db")}, clock_->Now(),
                  [&](auto r) { wrong.emplace(std::move(r)); });
  ASSERT_TRUE(wrong && !wrong->ok());
  EXPECT_EQ(wrong->error().code, ErrorCode::kUnauthenticated);

  auto typed = Ingest({Firing("a1", "db/lag", "db")}, "alertmanager");
  ASSERT_FALSE(typed.ok());
  EXPECT_EQ(typed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(typed.error().message,
            "integration 'prom' is of type generic, not alertmanager: post to "
            "/api/v1/ingest/generic");
  EXPECT_TRUE(Alerts().empty());
}

TEST_F(AlertRouterTest, AlertsOfARestrictedIncidentAreHiddenAsTheIncidentIs) {
  auto r = Ingest({Firing("s1", "sec/login", "security")});
  ASSERT_TRUE(r.ok()) << r.error().message;
  const std::string id = r->incidents.at(0);
  auto v = Get(Admin(), id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->state.visibility, core::Visibility::kRestricted);
  std::int64_t alert_id = Alerts().at(0).id;

  std::optional<Result<std::vector<store::AlertRecord>>> listed;
  ingest_->ListAlerts(As("bob"), {}, [&](auto l) { listed.emplace(std::move(l)); });
  ASSERT_TRUE(listed && listed->ok());
  EXPECT_TRUE((*listed)->empty());
  std::optional<Result<store::AlertRecord>> got;
  ingest_->GetAlert(As("bob"), alert_id, [&](auto g) { got.emplace(std::move(g)); });
  ASSERT_TRUE(got && !got->ok());
  EXPECT_EQ(got->error().code, ErrorCode::kNotFound);
  EXPECT_EQ(got->error().message,
            "no alert " + std::to_string(alert_id) + " (see `warroom alerts`)");
  EXPECT_EQ(Get(As("bob"), id).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace warroom::engine
