// IngestService on the store's memory twin: repeats of one firing update
// its alert (resolved is final, an acknowledgment holds), the refusals of a
// key, a disabled integration and a sender of another type (each writing
// nothing), empty and partly droppable batches, and the counts it answers.
#include "engine/ingest_service.hpp"

#include <gtest/gtest.h>

#include "engine/engine_test_support.hpp"

namespace warroom::engine {
namespace {

using namespace std::chrono_literals;
using core::AlertStatus;
using testing::kMemoryStart;

// The alert row's status and disposition by their public names, so the
// expectations read as the API shows them.
std::string StatusOf(const store::AlertRecord& a) {
  return std::string(core::AlertStatusName(a.status));
}
std::string DispositionOf(const store::AlertRecord& a) {
  return std::string(core::DispositionName(a.disposition));
}

class IngestServiceTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    ingest_ = std::make_unique<IngestService>(store_, clock_);
    key_ = Create("prom", "generic");
  }

  // Creates an integration as the admin; its key.
  std::string Create(const std::string& name, const std::string& type) {
    std::optional<Result<IssuedKey>> key;
    ingest_->CreateIntegration(Admin(), name, type,
                               [&](Result<IssuedKey> r) { key.emplace(std::move(r)); });
    EXPECT_TRUE(key && key->ok());
    return key && key->ok() ? (*key)->key : std::string();
  }

  // Routes alerts with one route: team=db declares a P1.
  void RouteDbAlerts() {
    core::AlertRoute db;
    db.name = "db-page";
    core::LabelMatcher team;
    team.label = "team";
    team.value = "db";
    db.matchers = {team};
    db.action = core::RouteAction::kDeclare;
    db.severity.fixed = core::Severity::kP1;
    core::AlertRouting routing;
    routing.routes = {db};
    router_ = std::make_unique<AlertRouter>(*incidents_, routing);
    ingest_->SetRouter(router_.get(), incidents_.get());
  }

  static core::Alert Alert(std::string key, AlertStatus status = AlertStatus::kFiring,
                           TimePoint starts_at = kMemoryStart - 5min) {
    core::Alert a;
    a.key = std::move(key);
    a.status = status;
    a.group_key = "db/lag";
    a.summary = "replication lag";
    a.labels = {{"team", "db"}};
    a.starts_at = starts_at;
    return a;
  }

  Result<IngestResult> Ingest(Result<std::vector<core::Alert>> alerts,
                              const std::string& type = "generic", std::string key = "") {
    std::optional<Result<IngestResult>> out;
    ingest_->Ingest(key.empty() ? key_ : key, type, std::move(alerts), clock_->Now(),
                    [&](Result<IngestResult> r) { out.emplace(std::move(r)); });
    EXPECT_TRUE(out.has_value()) << "the memory twin answers before Write returns";
    return out ? std::move(*out) : Result<IngestResult>(Error::Internal("no answer"));
  }

  // Every stored alert, the last seen first.
  std::vector<store::AlertRecord> Alerts() {
    std::vector<store::AlertRecord> out;
    EXPECT_TRUE(store_
                    .ReadSync([&](store::ReadTx& tx) -> Outcome {
                      store::AlertFilter all;
                      all.limit = 1000;
                      WARROOM_ASSIGN_OR_RETURN(out, tx.ListAlerts(all));
                      return Success();
                    })
                    .ok());
    return out;
  }

  store::Integration Integration(const std::string& name) {
    std::optional<Result<std::vector<store::Integration>>> out;
    ingest_->ListIntegrations(Admin(), [&](auto r) { out.emplace(std::move(r)); });
    EXPECT_TRUE(out && out->ok());
    if (out && out->ok())
      for (const auto& i : **out)
        if (i.name == name) return i;
    ADD_FAILURE() << "no integration " << name;
    return {};
  }

  // What a refused request must leave as it was.
  // (The twin's commits() counts refused writes too, so rows are compared.)
  struct Written {
    std::size_t alerts = 0;
    int fire_counts = 0;
    std::int64_t reports = 0;
    std::optional<TimePoint> last_report_at;
    bool operator==(const Written&) const = default;
    friend std::ostream& operator<<(std::ostream& os, const Written& w) {
      return os << w.alerts << " alerts fired " << w.fire_counts << " times, " << w.reports
                << " reports";
    }
  };
  Written WrittenSoFar() {
    Written w;
    for (const auto& a : Alerts()) {
      ++w.alerts;
      w.fire_counts += a.fire_count;
    }
    store::Integration prom = Integration("prom");
    w.reports = prom.reports;
    w.last_report_at = prom.last_report_at;
    return w;
  }

  std::unique_ptr<AlertRouter> router_;
  std::unique_ptr<IngestService> ingest_;
  std::string key_;
};

TEST_F(IngestServiceTest, ARepeatOfOneFiringUpdatesItsAlertsCountAndLastSeen) {
  auto first = Ingest(std::vector{Alert("fp1")});
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->received, 1);
  EXPECT_EQ(first->created, 1);
  EXPECT_EQ(first->repeats, 0);
  clock_->Advance(2min);
  core::Alert again = Alert("fp1");
  again.summary = "replication lag, worse";
  auto second = Ingest(std::vector{again});
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->received, 1);
  EXPECT_EQ(second->created, 0);
  EXPECT_EQ(second->repeats, 1);

  auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].integration, "prom");
  EXPECT_EQ(alerts[0].fire_count, 2);
  EXPECT_EQ(alerts[0].first_seen, kMemoryStart);
  EXPECT_EQ(alerts[0].last_seen, kMemoryStart + 2min);
  EXPECT_EQ(alerts[0].summary, "replication lag, worse");
  EXPECT_EQ(StatusOf(alerts[0]), "firing");
}

TEST_F(IngestServiceTest, TheSameFingerprintWithANewStartIsANewAlert) {
  ASSERT_TRUE(Ingest(std::vector{Alert("fp1")}).ok());
  auto r = Ingest(std::vector{Alert("fp1", AlertStatus::kFiring, kMemoryStart - 1min)});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->created, 1);
  EXPECT_EQ(r->repeats, 0);
  auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_NE(alerts[0].id, alerts[1].id);
  EXPECT_EQ(alerts[0].fire_count, 1);
  EXPECT_EQ(alerts[1].fire_count, 1);
}

TEST_F(IngestServiceTest, ResolvedIsFinalForOneFiring) {
  ASSERT_TRUE(Ingest(std::vector{Alert("fp1")}).ok());
  clock_->Advance(1min);
  ASSERT_TRUE(Ingest(std::vector{Alert("fp1", AlertStatus::kResolved)}).ok());
  clock_->Advance(1min);
  // A late copy of the firing report (another Alertmanager peer's).
  auto late = Ingest(std::vector{Alert("fp1")});
  ASSERT_TRUE(late.ok()) << late.error().message;
  EXPECT_EQ(late->repeats, 1);
  auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(StatusOf(alerts[0]), "resolved");
  EXPECT_EQ(alerts[0].ends_at, kMemoryStart + 1min);  // the resolution's time stays
  EXPECT_EQ(alerts[0].fire_count, 3);
}

TEST_F(IngestServiceTest, AnAcknowledgmentHoldsAgainstRepeatsOfFiringButNotAResolution) {
  ASSERT_TRUE(Ingest(std::vector{Alert("fp1")}).ok());
  ASSERT_TRUE(Ingest(std::vector{Alert("fp1", AlertStatus::kAcknowledged)}).ok());
  ASSERT_TRUE(Ingest(std::vector{Alert("fp1")}).ok());
  ASSERT_EQ(Alerts().size(), 1u);
  EXPECT_EQ(StatusOf(Alerts()[0]), "acknowledged");
  ASSERT_TRUE(Ingest(std::vector{Alert("fp1", AlertStatus::kResolved)}).ok());
  EXPECT_EQ(StatusOf(Alerts()[0]), "resolved");
  EXPECT_EQ(Alerts()[0].fire_count, 4);
}

TEST_F(IngestServiceTest, AnAcceptedRequestIsCountedAsTheIntegrationsReport) {
  EXPECT_EQ(Integration("prom").reports, 0);
  EXPECT_FALSE(Integration("prom").last_report_at.has_value());
  clock_->Advance(3min);
  ASSERT_TRUE(Ingest(std::vector{Alert("fp1")}).ok());
  EXPECT_EQ(Integration("prom").reports, 1);
  EXPECT_EQ(Integration("prom").last_report_at, kMemoryStart + 3min);
}

TEST_F(IngestServiceTest, AnUnknownKeyIsUnauthenticatedAndWritesNothing) {
  ASSERT_TRUE(Ingest(std::vector{Alert("fp1")}).ok());
  Written before = WrittenSoFar();
  for (std::string key : {"wri_" + std::string(64, '0'), std::string("not-a-key")}) {
    auto r = Ingest(std::vector{Alert("fp2")}, "generic", key);
    ASSERT_FALSE(r.ok()) << key;
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated) << key;
    EXPECT_EQ(r.error().message.rfind("the integration key is missing, wrong or disabled", 0), 0u);
  }
  EXPECT_EQ(WrittenSoFar(), before);
}

TEST_F(IngestServiceTest, ADisabledIntegrationsKeyIsUnauthenticatedAndWritesNothing) {
  std::optional<Result<Ok>> disabled;
  ingest_->SetEnabled(Admin(), "prom", false, [&](Result<Ok> r) { disabled.emplace(r); });
  ASSERT_TRUE(disabled && disabled->ok());
  Written before = WrittenSoFar();
  auto r = Ingest(std::vector{Alert("fp1")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(WrittenSoFar(), before);
  EXPECT_TRUE(Alerts().empty());
}

TEST_F(IngestServiceTest, AKeyPostedAsAnotherSenderIsInvalidAndWritesNothing) {
  Written before = WrittenSoFar();
  auto r = Ingest(std::vector{Alert("fp1")}, "alertmanager");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message,
            "integration 'prom' is of type generic, not alertmanager: post to "
            "/api/v1/ingest/generic");
  EXPECT_EQ(WrittenSoFar(), before);
}

// The translator's error is the answer only once the key is good: a
// stranger learns nothing of what a payload should be.
TEST_F(IngestServiceTest, ATranslationErrorIsAnsweredAfterTheKeyAndWritesNothing) {
  Written before = WrittenSoFar();
  auto bad_key = Ingest(Error::InvalidArgument("alerts[1]: no fingerprint"), "generic",
                        "wri_" + std::string(64, 'a'));
  ASSERT_FALSE(bad_key.ok());
  EXPECT_EQ(bad_key.error().code, ErrorCode::kUnauthenticated);
  auto r = Ingest(Error::InvalidArgument("alerts[1]: no fingerprint"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message, "alerts[1]: no fingerprint");
  EXPECT_EQ(WrittenSoFar(), before);
}

TEST_F(IngestServiceTest, AnUnsignedRequestToASignedIntegrationIsUnauthenticatedAndWritesNothing) {
  core::SignatureCheck check;
  check.secret = "s3cret";
  ingest_->SetSignatures({{"prom", check}});
  Written before = WrittenSoFar();
  auto r = Ingest(std::vector{Alert("fp1")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(r.error().message.rfind("the X-Grafana-Alerting-Signature header is missing", 0), 0u);
  EXPECT_EQ(WrittenSoFar(), before);
}

TEST_F(IngestServiceTest, AnEmptyBatchIsAcceptedAndCountedAsAReport) {
  auto r = Ingest(std::vector<core::Alert>{});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->received, 0);
  EXPECT_EQ(r->created, 0);
  EXPECT_EQ(r->repeats, 0);
  EXPECT_TRUE(r->incidents.empty());
  EXPECT_TRUE(Alerts().empty());
  EXPECT_EQ(Integration("prom").reports, 1);
}

// A report without a start (PagerDuty's) that acknowledges or resolves what
// is not open has nothing to act on: it alone is dropped, uncounted, and the
// rest of its batch is stored.
TEST_F(IngestServiceTest, AResolutionOfNothingOpenIsDroppedAndTheRestOfItsBatchIsStored) {
  core::Alert orphan = Alert("dk-unknown", AlertStatus::kResolved);
  orphan.match_open = true;
  auto r = Ingest(std::vector{Alert("fp1"), orphan, Alert("fp2")});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->received, 2);
  EXPECT_EQ(r->created, 2);
  auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 2u);
  for (const auto& a : alerts) EXPECT_NE(a.alert_key, "dk-unknown");
}

TEST_F(IngestServiceTest, AReportWithoutAStartJoinsTheOpenAlertWithItsKey) {
  core::Alert trigger = Alert("dk1", AlertStatus::kFiring, kMemoryStart);
  trigger.match_open = true;
  ASSERT_TRUE(Ingest(std::vector{trigger}).ok());
  clock_->Advance(4min);
  core::Alert resolve = Alert("dk1", AlertStatus::kResolved, kMemoryStart + 4min);
  resolve.match_open = true;
  auto r = Ingest(std::vector{resolve});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->repeats, 1);
  auto alerts = Alerts();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].starts_at, kMemoryStart);
  EXPECT_EQ(StatusOf(alerts[0]), "resolved");
}

TEST_F(IngestServiceTest, WithoutARouterAlertsWaitInTriage) {
  auto r = Ingest(std::vector{Alert("fp1")});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->incidents.empty());
  EXPECT_EQ(DispositionOf(Alerts().at(0)), "triage");
}

TEST_F(IngestServiceTest, TheResultCountsAlertsAndNamesEachIncidentOnce) {
  RouteDbAlerts();
  auto r = Ingest(std::vector{Alert("fp1"), Alert("fp2"), Alert("fp1")});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->received, 3);
  EXPECT_EQ(r->created, 2);
  EXPECT_EQ(r->repeats, 1);
  EXPECT_EQ(r->incidents, std::vector<std::string>{"INC-2026-02-12-001"});
  for (const auto& a : Alerts()) {
    EXPECT_EQ(DispositionOf(a), "incident");
    EXPECT_EQ(a.incident_id, "INC-2026-02-12-001");
  }
  // Resolving both tells the incident once (one alerts_resolved per group).
  auto resolved = Ingest(
      std::vector{Alert("fp1", AlertStatus::kResolved), Alert("fp2", AlertStatus::kResolved)});
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->repeats, 2);
  EXPECT_EQ(resolved->incidents, std::vector<std::string>{"INC-2026-02-12-001"});
}

}  // namespace
}  // namespace warroom::engine
