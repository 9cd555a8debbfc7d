#include <gtest/gtest.h>

#include "core/incident/history_builder.hpp"

namespace warroom::core {
namespace {

using std::chrono::minutes;
namespace c = commands;

TimePoint T(const char* s) { return *ParseTime(s); }

HistoryBuilder Declared(Severity sev = Severity::kP1) {
  HistoryBuilder h;
  c::Declare d;
  d.severity = sev;
  d.summary = "Scheduler not executing goals";
  d.detected_at = T("2026-02-12T14:15:00Z");
  EXPECT_TRUE(h.Run(d, T("2026-02-12T14:23:00Z")).ok());
  return h;
}

TEST(IncidentFold, DeclareStartsInvestigatingWithTheDeclarerAsCommander) {
  auto h = Declared();
  EXPECT_EQ(h.state().status, Status::kInvestigating);
  EXPECT_EQ(h.state().Commander(), "sarah");
  EXPECT_EQ(h.state().policy_version, DefaultPolicy().version);
  EXPECT_EQ(h.state().last_seq, 1);
}

TEST(IncidentFold, FullLifecycleReachesClosed) {
  auto h = Declared();
  ASSERT_TRUE(h.Run(c::Acknowledge{}, T("2026-02-12T14:25:00Z"), "mike").ok());
  ASSERT_TRUE(
      h.Run(c::Identify{"Memory leak in new code", "deployment"}, T("2026-02-12T14:30:00Z")).ok());
  EXPECT_EQ(h.state().status, Status::kIdentified);
  ASSERT_TRUE(h.Run(c::Mitigate{"Rolled back to v2.3.0"}, T("2026-02-12T14:50:00Z")).ok());
  EXPECT_EQ(h.state().status, Status::kMonitoring);
  ASSERT_TRUE(h.Run(c::Resolve{"Scheduler resumed", false, ""}, T("2026-02-12T16:00:00Z")).ok());
  EXPECT_EQ(h.state().status, Status::kResolved);
  auto no_pir = h.Run(c::Close{""}, T("2026-02-12T17:00:00Z"));
  ASSERT_FALSE(no_pir.ok());
  EXPECT_NE(no_pir.error().message.find("--pir-url"), std::string::npos);
  ASSERT_TRUE(h.Run(c::Close{"https://wiki/pir/1"}, T("2026-02-13T10:00:00Z")).ok());
  EXPECT_EQ(h.state().status, Status::kClosed);
  EXPECT_EQ(h.state().pir_url, "https://wiki/pir/1");
}

TEST(IncidentFold, MitigationMayComeBeforeTheCause) {
  auto h = Declared();
  ASSERT_TRUE(h.Run(c::Mitigate{"Restarted pods"}, T("2026-02-12T14:30:00Z")).ok());
  EXPECT_EQ(h.state().status, Status::kMonitoring);
  // Identify from monitoring keeps monitoring.
  ASSERT_TRUE(h.Run(c::Identify{"OOM", "capacity"}, T("2026-02-12T14:40:00Z")).ok());
  EXPECT_EQ(h.state().status, Status::kMonitoring);
}

TEST(IncidentFold, ResolveNeedsARootCause) {
  auto h = Declared();
  ASSERT_TRUE(h.Run(c::Mitigate{"Restarted"}, T("2026-02-12T14:30:00Z")).ok());
  auto r = h.Run(c::Resolve{"ok", false, ""}, T("2026-02-12T16:00:00Z"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.error().message.find("no root cause"), std::string::npos);
}

TEST(IncidentFold, ResolveWithinAnHourOfMitigationNeedsForceAndReason) {
  auto h = Declared();
  ASSERT_TRUE(h.Run(c::Identify{"x", "deployment"}, T("2026-02-12T14:30:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Mitigate{"rollback"}, T("2026-02-12T14:50:00Z")).ok());
  auto early = h.Run(c::Resolve{"done", false, ""}, T("2026-02-12T15:20:00Z"));
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.error().message.find("--force --reason"), std::string::npos);
  auto no_reason = h.Run(c::Resolve{"done", true, ""}, T("2026-02-12T15:20:00Z"));
  ASSERT_FALSE(no_reason.ok());
  ASSERT_TRUE(
      h.Run(c::Resolve{"done", true, "customer confirmed"}, T("2026-02-12T15:20:00Z")).ok());
  const auto& ev = std::get<events::Resolved>(h.history().back().payload);
  EXPECT_TRUE(ev.forced);
  EXPECT_EQ(ev.reason, "customer confirmed");
}

TEST(IncidentFold, RefusedTransitionsNameStatusAndNextSteps) {
  auto h = Declared();
  auto r = h.Run(c::Resolve{"x", false, ""}, T("2026-02-12T14:30:00Z"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(r.error().message,
            "INC-2026-02-12-001 is investigating: cannot resolve; allowed next steps: identify, "
            "mitigate, dismiss");
  EXPECT_FALSE(h.Run(c::Close{"u"}, T("2026-02-12T14:30:00Z")).ok());
  EXPECT_FALSE(h.Run(c::Reopen{"why"}, T("2026-02-12T14:30:00Z")).ok());
  EXPECT_EQ(h.history().size(), 1u);
}

TEST(IncidentFold, ReopenReturnsToInvestigating) {
  auto h = Declared();
  ASSERT_TRUE(h.Run(c::Identify{"x", "deployment"}, T("2026-02-12T14:30:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Mitigate{"rollback"}, T("2026-02-12T14:50:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Resolve{"done", false, ""}, T("2026-02-12T16:00:00Z")).ok());
  ASSERT_FALSE(h.Run(c::Reopen{""}, T("2026-02-12T16:30:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Reopen{"errors are back"}, T("2026-02-12T16:30:00Z")).ok());
  EXPECT_EQ(h.state().status, Status::kInvestigating);
  EXPECT_EQ(h.state().reopen_count, 1);
}

TEST(IncidentFold, DismissOnlyFromInvestigating) {
  auto h = Declared();
  ASSERT_TRUE(h.Run(c::Dismiss{DismissReason::kFalseAlarm, ""}, T("2026-02-12T14:30:00Z")).ok());
  EXPECT_EQ(h.state().status, Status::kDismissed);
  auto h2 = Declared();
  ASSERT_TRUE(h2.Run(c::Mitigate{"restart"}, T("2026-02-12T14:30:00Z")).ok());
  EXPECT_FALSE(h2.Run(c::Dismiss{DismissReason::kFalseAlarm, ""}, T("2026-02-12T14:31:00Z")).ok());
}

TEST(IncidentFold, SeverityResolveAndCloseAreForTheCommanderOrAnAdmin) {
  auto h = Declared();
  auto r = h.Run(c::ChangeSeverity{Severity::kP0, "spreading"}, T("2026-02-12T14:30:00Z"), "mike");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  ASSERT_TRUE(
      h.Run(c::ChangeSeverity{Severity::kP0, "spreading"}, T("2026-02-12T14:30:00Z"), "root", true)
          .ok());
  ASSERT_TRUE(
      h.Run(c::AssignRole{Role::kIncidentCommander, "mike"}, T("2026-02-12T14:31:00Z")).ok());
  ASSERT_TRUE(
      h.Run(c::ChangeSeverity{Severity::kP1, "contained"}, T("2026-02-12T14:32:00Z"), "mike").ok());
  EXPECT_EQ(h.state().severity, Severity::kP1);
  EXPECT_FALSE(
      h.Run(c::ChangeSeverity{Severity::kP1, "same"}, T("2026-02-12T14:33:00Z"), "mike").ok());
  EXPECT_FALSE(h.Run(c::ChangeSeverity{Severity::kP2, ""}, T("2026-02-12T14:33:00Z"), "mike").ok());
}

TEST(IncidentFold, AtMayNotBeInTheFutureNorBeforeThePreviousStep) {
  auto h = Declared();
  HistoryBuilder& b = h;
  // 61 s ahead of now.
  CommandContext ctx{Actor::User("sarah"), false, T("2026-02-12T14:30:00Z"),
                     T("2026-02-12T14:31:01Z"), &DefaultPolicy()};
  auto fut = Decide(b.state(), c::Acknowledge{}, ctx);
  ASSERT_FALSE(fut.ok());
  EXPECT_NE(fut.error().message.find("in the future"), std::string::npos);
  ASSERT_TRUE(h.Run(c::Identify{"x", "deployment"}, T("2026-02-12T14:30:00Z")).ok());
  auto before = h.Run(c::Mitigate{"rollback"}, T("2026-02-12T14:29:00Z"));
  ASSERT_FALSE(before.ok());
  EXPECT_NE(before.error().message.find("before the previous lifecycle step"), std::string::npos);
  // A note may be backfilled between steps, but not before declaration.
  EXPECT_TRUE(h.Run(c::AddNote{NoteKind::kDecision, "Rollback"}, T("2026-02-12T14:29:00Z")).ok());
  EXPECT_FALSE(h.Run(c::AddNote{NoteKind::kDecision, "x"}, T("2026-02-12T14:00:00Z")).ok());
}

TEST(IncidentFold, DeclareRejectsBadInput) {
  HistoryBuilder h;
  c::Declare d;
  d.summary = "  ";
  EXPECT_FALSE(h.Run(d, T("2026-02-12T14:23:00Z")).ok());
  d.summary = "ok";
  d.detected_at = T("2026-02-12T15:00:00Z");
  EXPECT_FALSE(h.Run(d, T("2026-02-12T14:23:00Z")).ok());
  d.detected_at.reset();
  d.impact.customers_affected_pct = 101;
  EXPECT_FALSE(h.Run(d, T("2026-02-12T14:23:00Z")).ok());
  EXPECT_TRUE(h.history().empty());
}

TEST(IncidentFold, SecurityAlertsAreRestrictedByDefault) {
  HistoryBuilder h;
  c::Declare d;
  d.summary = "Suspicious logins";
  d.source = DetectionSource::kSecurityAlert;
  ASSERT_TRUE(h.Run(d, T("2026-02-12T14:23:00Z")).ok());
  EXPECT_EQ(h.state().visibility, Visibility::kRestricted);
  EXPECT_TRUE(h.state().IsParticipant("sarah"));
  EXPECT_FALSE(h.state().IsParticipant("mike"));
  auto pub = h.Run(c::PostUpdate{Audience::kStatusPage, "x", "", false}, T("2026-02-12T14:30:00Z"));
  ASSERT_FALSE(pub.ok());
  ASSERT_TRUE(h.Run(c::Join{"mike"}, T("2026-02-12T14:31:00Z")).ok());
  EXPECT_TRUE(h.state().IsParticipant("mike"));
}

TEST(IncidentFold, TasksRolesAndResponders) {
  auto h = Declared();
  ASSERT_TRUE(h.Run(c::AddTask{"Check deployments", "mike"}, T("2026-02-12T14:24:00Z")).ok());
  ASSERT_TRUE(h.Run(c::CompleteTask{1}, T("2026-02-12T14:26:00Z"), "mike").ok());
  EXPECT_TRUE(h.state().tasks[0].done);
  EXPECT_FALSE(h.Run(c::CompleteTask{1}, T("2026-02-12T14:27:00Z")).ok());
  EXPECT_EQ(h.Run(c::CompleteTask{9}, T("2026-02-12T14:27:00Z")).error().code,
            ErrorCode::kNotFound);
  ASSERT_TRUE(h.Run(c::AssignRole{Role::kScribe, "ann"}, T("2026-02-12T14:27:00Z")).ok());
  EXPECT_FALSE(h.Run(c::AssignRole{Role::kScribe, "ann"}, T("2026-02-12T14:27:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Join{"bob"}, T("2026-02-12T14:28:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Leave{"bob"}, T("2026-02-12T14:29:00Z")).ok());
  EXPECT_FALSE(h.Run(c::Leave{"bob"}, T("2026-02-12T14:29:00Z")).ok());
  EXPECT_FALSE(h.Run(c::Identify{"x", "not-a-category"}, T("2026-02-12T14:30:00Z")).ok());
}

}  // namespace
}  // namespace warroom::core
