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
  // A note may be backfilled between steps, and context from up to a day
  // before the declaration (the 14:00 deployment), not more.
  EXPECT_TRUE(h.Run(c::AddNote{NoteKind::kDecision, "Rollback"}, T("2026-02-12T14:29:00Z")).ok());
  EXPECT_TRUE(
      h.Run(c::AddNote{NoteKind::kDeployment, "v2.3 deployed"}, T("2026-02-12T14:00:00Z")).ok());
  EXPECT_TRUE(h.Run(c::AddLink{"ticket", "https://support.example/T-1", "Customer ticket"},
                    T("2026-02-11T14:23:00Z"))
                  .ok());
  auto too_early = h.Run(c::AddNote{NoteKind::kFinding, "x"}, T("2026-02-11T14:22:59Z"));
  ASSERT_FALSE(too_early.ok());
  EXPECT_NE(too_early.error().message.find("at most that far"), std::string::npos);
  // Anything else still happens after the declaration.
  auto task = h.Run(c::AddTask{"check", ""}, T("2026-02-12T14:00:00Z"));
  ASSERT_FALSE(task.ok());
  EXPECT_NE(task.error().message.find("only notes and links"), std::string::npos);
}

TEST(IncidentFold, AnEventGivenNoTimeOnAClockBehindTheIncidentIsPlacedAtItsLastStep) {
  // Declared at 14:23 (Declared()) by an instance whose clock is ahead;
  // this one's reads 14:20, more than the future skew behind.
  auto h = Declared();
  TimePoint behind = T("2026-02-12T14:20:00Z");
  CommandContext ctx{Actor::User("sarah"), false, behind, std::nullopt, &DefaultPolicy()};
  auto note = Decide(h.state(), c::AddNote{NoteKind::kFinding, "p99 is up"}, ctx);
  ASSERT_TRUE(note.ok()) << note.error().message;
  EXPECT_EQ(note->occurred_at, T("2026-02-12T14:23:00Z"));
  // A lifecycle step after the last one recorded (14:40, by the instance
  // ahead) lands there, and the timeline stays in order.
  ASSERT_TRUE(h.Run(c::Identify{"bad deploy", "deployment"}, T("2026-02-12T14:40:00Z")).ok());
  auto mitigate = Decide(h.state(), c::Mitigate{"rollback"}, ctx);
  ASSERT_TRUE(mitigate.ok()) << mitigate.error().message;
  EXPECT_EQ(mitigate->occurred_at, T("2026-02-12T14:40:00Z"));
  // A time the caller gives is its own: still refused when it is before.
  ctx.at = behind;
  EXPECT_FALSE(Decide(h.state(), c::AddTask{"x", ""}, ctx).ok());
  // And a clock that is not behind places the event now.
  CommandContext ahead{Actor::User("sarah"), false, T("2026-02-12T14:50:00Z"), std::nullopt,
                       &DefaultPolicy()};
  auto later = Decide(h.state(), c::Mitigate{"rollback"}, ahead);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->occurred_at, T("2026-02-12T14:50:00Z"));
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
  auto pub =
      h.Run(c::PostUpdate{Audience::kStatusPage, "x", "", false, ""}, T("2026-02-12T14:30:00Z"));
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

// The incident's rules of authority (issue 8): who holds IC decides.
namespace authority {

const TimePoint kAt = *ParseTime("2026-02-12T14:30:00Z");

// Declared by an alert route: no one is IC yet.
HistoryBuilder DeclaredByAnAlert() {
  HistoryBuilder h;
  c::Declare d;
  d.severity = Severity::kP0;
  d.summary = "Checkout error rate above 5%";
  d.source = DetectionSource::kAutomatedMonitoring;
  EXPECT_TRUE(h.RunAs(d, T("2026-02-12T14:23:00Z"), Actor{Actor::Kind::kIntegration, "prom"}).ok());
  EXPECT_EQ(h.state().Commander(), "");
  return h;
}

void ExpectDenied(const Outcome& r, const std::string& fragment) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied) << r.error().message;
  EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
}

// Bug 1: any responder could take IC from the current IC, then act as IC.
TEST(IncidentAuthority, OnlyTheIcOrAnAdminReassignsTheIcRole) {
  auto h = Declared();  // sarah is IC
  ExpectDenied(h.Run(c::AssignRole{Role::kIncidentCommander, "mike"}, kAt, "mike"),
               "is for its Incident Commander (sarah) or an admin");
  ExpectDenied(h.Run(c::AssignRole{Role::kIncidentCommander, "ann"}, kAt, "mike"), "(sarah)");
  // Having failed to take IC, mike cannot act as IC either.
  ExpectDenied(h.Run(c::ChangeVisibility{Visibility::kRestricted, "hide it"}, kAt, "mike"),
               "changing visibility is for the incident's Incident Commander (sarah) or an admin");
  EXPECT_EQ(h.history().size(), 1u);
  EXPECT_EQ(h.state().Commander(), "sarah");
  // The IC hands over; an admin assigns anyone.
  ASSERT_TRUE(h.Run(c::AssignRole{Role::kIncidentCommander, "mike"}, kAt, "sarah").ok());
  EXPECT_EQ(h.state().Commander(), "mike");
  ExpectDenied(h.Run(c::AssignRole{Role::kIncidentCommander, "sarah"}, kAt, "sarah"), "(mike)");
  ASSERT_TRUE(h.Run(c::AssignRole{Role::kIncidentCommander, "ann"}, kAt, "root", true).ok());
  EXPECT_EQ(h.state().Commander(), "ann");
}

TEST(IncidentAuthority, AResponderMayTakeAVacantIcRoleForThemselvesOnly) {
  auto h = DeclaredByAnAlert();
  ExpectDenied(h.Run(c::AssignRole{Role::kIncidentCommander, "ann"}, kAt, "mike"),
               "is vacant: a responder may take it for themselves (--to mike)");
  ASSERT_TRUE(h.Run(c::AssignRole{Role::kIncidentCommander, "mike"}, kAt, "mike").ok());
  EXPECT_EQ(h.state().Commander(), "mike");
  // No longer vacant: ann cannot take it from mike.
  ExpectDenied(h.Run(c::AssignRole{Role::kIncidentCommander, "ann"}, kAt, "ann"), "(mike)");
  // An admin assigns a vacant IC role to anyone.
  auto h2 = DeclaredByAnAlert();
  ASSERT_TRUE(h2.Run(c::AssignRole{Role::kIncidentCommander, "ann"}, kAt, "root", true).ok());
  EXPECT_EQ(h2.state().Commander(), "ann");
}

TEST(IncidentAuthority, AVacantIcRoleLeavesTheIcCommandsToAdmins) {
  auto h = DeclaredByAnAlert();
  ExpectDenied(h.Run(c::ChangeSeverity{Severity::kP1, "contained"}, kAt, "mike"), "(vacant)");
  ExpectDenied(h.Run(c::Dismiss{DismissReason::kFalseAlarm, ""}, kAt, "mike"), "(vacant)");
  ExpectDenied(h.Run(c::ChangeVisibility{Visibility::kRestricted, "x"}, kAt, "mike"), "(vacant)");
  ASSERT_TRUE(h.Run(c::AssignRole{Role::kIncidentCommander, "mike"}, kAt, "mike").ok());
  ASSERT_TRUE(h.Run(c::ChangeSeverity{Severity::kP1, "contained"}, kAt, "mike").ok());
}

// Bug 2: dismiss had no gate, so any responder could end a fresh P0.
TEST(IncidentAuthority, DismissIsForTheIcOrAnAdmin) {
  auto h = Declared(Severity::kP0);
  ExpectDenied(h.Run(c::Dismiss{DismissReason::kFalseAlarm, ""}, kAt, "mike"),
               "dismissing is for the incident's Incident Commander (sarah) or an admin");
  EXPECT_EQ(h.state().status, Status::kInvestigating);
  ASSERT_TRUE(h.Run(c::Dismiss{DismissReason::kFalseAlarm, ""}, kAt, "sarah").ok());
  EXPECT_EQ(h.state().status, Status::kDismissed);
  auto h2 = Declared(Severity::kP0);
  ASSERT_TRUE(h2.Run(c::Dismiss{DismissReason::kDuplicate, ""}, kAt, "root", true).ok());
}

TEST(IncidentAuthority, ResolveCloseAndVisibilityAreForTheIcOrAnAdmin) {
  auto h = Declared();
  ASSERT_TRUE(h.Run(c::Identify{"leak", "deployment"}, T("2026-02-12T14:30:00Z"), "mike").ok());
  ASSERT_TRUE(h.Run(c::Mitigate{"rollback"}, T("2026-02-12T14:40:00Z"), "mike").ok());
  ExpectDenied(h.Run(c::Resolve{"ok", false, ""}, T("2026-02-12T16:00:00Z"), "mike"),
               "resolving is for the incident's Incident Commander (sarah)");
  ASSERT_TRUE(h.Run(c::Resolve{"ok", false, ""}, T("2026-02-12T16:00:00Z"), "sarah").ok());
  ExpectDenied(h.Run(c::Close{"https://wiki/pir/1"}, T("2026-02-12T17:00:00Z"), "mike"),
               "closing is for the incident's Incident Commander (sarah)");
  ASSERT_TRUE(h.Run(c::Close{"https://wiki/pir/1"}, T("2026-02-12T17:00:00Z"), "root", true).ok());
  auto v = Declared();
  ExpectDenied(v.Run(c::ChangeVisibility{Visibility::kRestricted, "x"}, kAt, "mike"),
               "changing visibility");
  ASSERT_TRUE(v.Run(c::ChangeVisibility{Visibility::kRestricted, "customer data"}, kAt).ok());
  ASSERT_TRUE(v.Run(c::ChangeVisibility{Visibility::kPublic, "contained"}, kAt, "root", true).ok());
}

TEST(IncidentAuthority, TheOtherRolesStayWithResponders) {
  auto h = Declared();
  ASSERT_TRUE(h.Run(c::AssignRole{Role::kTechnicalLead, "ann"}, kAt, "mike").ok());
  ASSERT_TRUE(h.Run(c::AssignRole{Role::kCommunicationsLead, "mike"}, kAt, "mike").ok());
  ASSERT_TRUE(h.Run(c::AssignRole{Role::kScribe, "bob"}, kAt, "ann").ok());
  ASSERT_TRUE(h.Run(c::AssignRole{Role::kTechnicalLead, "bob"}, kAt, "mike").ok());
  EXPECT_EQ(h.state().roles.at(Role::kTechnicalLead), "bob");
}

TEST(IncidentAuthority, AViewerHoldsNoRoleJoinsNoResponseAndGetsNoTask) {
  auto h = DeclaredByAnAlert();
  for (Role role : kAllRoles) {
    auto r = h.RunNamingViewer(c::AssignRole{role, "vic"}, kAt, "root", true);
    ASSERT_FALSE(r.ok()) << RoleSlug(role);
    EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(r.error().message.find("vic is a viewer and cannot hold a role"), std::string::npos)
        << r.error().message;
  }
  // Taking a vacant IC role needs the taker not to be a viewer either.
  EXPECT_FALSE(h.RunNamingViewer(c::AssignRole{Role::kIncidentCommander, "vic"}, kAt, "vic").ok());
  auto join = h.RunNamingViewer(c::Join{"vic"}, kAt, "mike");
  ASSERT_FALSE(join.ok());
  EXPECT_NE(join.error().message.find("cannot join as a responder"), std::string::npos);
  auto task = h.RunNamingViewer(c::AddTask{"Check the dashboards", "vic"}, kAt, "mike");
  ASSERT_FALSE(task.ok());
  EXPECT_NE(task.error().message.find("cannot be assigned a task"), std::string::npos);
  EXPECT_EQ(h.history().size(), 1u);
  EXPECT_FALSE(h.state().IsParticipant("vic"));
}

}  // namespace authority

}  // namespace
}  // namespace warroom::core
