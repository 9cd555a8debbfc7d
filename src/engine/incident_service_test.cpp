// IncidentService on the store's memory twin with a simulated clock: what
// each command appends, what it refuses (and that a refusal writes nothing),
// who may see and change an incident, and how a severity change re-arms
// the clocks.
#include "engine/incident_service.hpp"

#include <gtest/gtest.h>

#include "engine/engine_test_support.hpp"
#include "engine/stored_events.hpp"

namespace warroom::engine {
namespace {

using namespace std::chrono_literals;
using core::ClockKind;
using core::ClockStatus;
using core::Severity;
using core::Status;
namespace cmd = core::commands;
using Types = std::vector<std::string>;
using testing::kMemoryStart;

cmd::Declare Declaration(Severity severity, std::string summary) {
  cmd::Declare d;
  d.severity = severity;
  d.summary = std::move(summary);
  return d;
}

cmd::Resolve Resolution(std::string summary) {
  cmd::Resolve r;
  r.summary = std::move(summary);
  return r;
}

class IncidentServiceTest : public testing::EngineTest {
 protected:
  // Declared P1 by alice, identified and mitigated: ready to resolve an hour on.
  std::string Mitigated() {
    std::string id = Declare(Severity::kP1);
    EXPECT_TRUE(Run(As("alice"), id, cmd::Identify{"a bad deploy", "deployment"}).ok());
    EXPECT_TRUE(Run(As("alice"), id, cmd::Mitigate{"rolled back"}).ok());
    return id;
  }
};

TEST_F(IncidentServiceTest, DeclareNumbersIncidentsPerDayAndMakesTheDeclarerCommander) {
  auto first = Run(As("alice"), "", Declaration(Severity::kP1, "checkout is down"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->state.id, "INC-2026-02-12-001");
  EXPECT_EQ(first->state.severity, Severity::kP1);
  EXPECT_EQ(first->state.status, Status::kInvestigating);
  EXPECT_EQ(first->state.Commander(), "alice");
  EXPECT_EQ(first->state.visibility, core::Visibility::kPublic);
  ASSERT_EQ(first->events.size(), 1u);
  EXPECT_EQ(first->events[0].incident_seq, 1);
  EXPECT_EQ(EventTypes(first->state.id), Types{"declared"});

  EXPECT_EQ(Declare(Severity::kP2), "INC-2026-02-12-002");
  clock_->Advance(24h);
  EXPECT_EQ(Declare(Severity::kP3), "INC-2026-02-13-001");
}

TEST_F(IncidentServiceTest, DeclareArmsTheAcknowledgeClockOfItsSeverity) {
  auto v = Run(As("alice"), "", Declaration(Severity::kP1, "checkout is down"));
  ASSERT_TRUE(v.ok());
  const auto& ack = ClockOf(*v, ClockKind::kAcknowledge);
  EXPECT_EQ(ack.status, ClockStatus::kPending);
  EXPECT_EQ(ack.due_at, kMemoryStart + 15min);
  EXPECT_EQ(ClockOf(*v, ClockKind::kUpdate).due_at, kMemoryStart + 30min);
}

TEST_F(IncidentServiceTest, DeclareOfASecurityAlertIsRestricted) {
  cmd::Declare d = Declaration(Severity::kP1, "credentials leaked");
  d.source = core::DetectionSource::kSecurityAlert;
  auto v = Run(As("alice"), "", d);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->state.visibility, core::Visibility::kRestricted);
}

TEST_F(IncidentServiceTest, DeclareWithABlankSummaryIsRefusedAndTakesNoNumber) {
  auto r = Run(As("alice"), "", Declaration(Severity::kP1, "  "));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message, "summary must not be empty");
  EXPECT_EQ(Declare(Severity::kP1), "INC-2026-02-12-001");
}

TEST_F(IncidentServiceTest, AcknowledgeMeetsTheAcknowledgeClock) {
  std::string id = Declare(Severity::kP1);
  clock_->Advance(4min);
  auto v = Run(As("bob"), id, cmd::Acknowledge{});
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->state.acknowledged_by, Types{"bob"});
  EXPECT_EQ(v->state.first_acknowledged_at, kMemoryStart + 4min);
  EXPECT_TRUE(v->state.IsParticipant("bob"));
  const auto& ack = ClockOf(*v, ClockKind::kAcknowledge);
  EXPECT_EQ(ack.status, ClockStatus::kMet);
  EXPECT_EQ(ack.met_at, kMemoryStart + 4min);
  EXPECT_EQ(EventTypes(id), (Types{"declared", "acknowledged"}));
}

TEST_F(IncidentServiceTest, AcknowledgingTwiceIsRefusedAndWritesNothing) {
  std::string id = Declare(Severity::kP1);
  ASSERT_TRUE(Run(As("bob"), id, cmd::Acknowledge{}).ok());
  auto r = Run(As("bob"), id, cmd::Acknowledge{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(r.error().message, "bob has already acknowledged " + id);
  EXPECT_EQ(EventTypes(id).size(), 2u);
}

TEST_F(IncidentServiceTest, SeverityChangeRearmsPendingClocksUnderTheNewRowFromTheChange) {
  std::string id = Declare(Severity::kP1);
  auto before = Get(As("alice"), id);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(ClockOf(*before, ClockKind::kAcknowledge).due_at, kMemoryStart + 15min);
  EXPECT_EQ(ClockOf(*before, ClockKind::kUpdate).due_at, kMemoryStart + 30min);

  clock_->Advance(5min);
  auto after = Run(As("alice"), id, cmd::ChangeSeverity{Severity::kP0, "all regions"});
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->state.severity, Severity::kP0);
  const auto& ack = ClockOf(*after, ClockKind::kAcknowledge);
  EXPECT_EQ(ack.status, ClockStatus::kPending);
  EXPECT_EQ(ack.started_at, kMemoryStart + 5min);
  EXPECT_EQ(ack.due_at, kMemoryStart + 10min);                                  // P0: five minutes
  EXPECT_EQ(ClockOf(*after, ClockKind::kUpdate).due_at, kMemoryStart + 20min);  // every 15
  EXPECT_EQ(EventTypes(id), (Types{"declared", "severity_changed"}));

  // A later read sees the same re-armed clocks.
  auto read = Get(As("bob"), id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(ClockOf(*read, ClockKind::kAcknowledge).due_at, kMemoryStart + 10min);
}

TEST_F(IncidentServiceTest, SeverityChangeKeepsAClockAlreadyMet) {
  std::string id = Declare(Severity::kP1);
  clock_->Advance(2min);
  ASSERT_TRUE(Run(As("bob"), id, cmd::Acknowledge{}).ok());
  clock_->Advance(3min);
  auto v = Run(As("alice"), id, cmd::ChangeSeverity{Severity::kP0, "all regions"});
  ASSERT_TRUE(v.ok());
  const auto& ack = ClockOf(*v, ClockKind::kAcknowledge);
  EXPECT_EQ(ack.status, ClockStatus::kMet);
  EXPECT_EQ(ack.met_at, kMemoryStart + 2min);
}

TEST_F(IncidentServiceTest, SeverityChangeByAResponderWhoIsNotCommanderIsRefused) {
  std::string id = Declare(Severity::kP1);
  auto r = Run(As("bob"), id, cmd::ChangeSeverity{Severity::kP0, "all regions"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(r.error().message,
            "changing the severity is for the incident's Incident Commander (alice) or an admin");
  EXPECT_EQ(EventTypes(id).size(), 1u);
  EXPECT_TRUE(Run(Admin(), id, cmd::ChangeSeverity{Severity::kP0, "all regions"}).ok());
}

TEST_F(IncidentServiceTest, SeverityChangeToTheSameSeverityIsRefused) {
  std::string id = Declare(Severity::kP1);
  auto r = Run(As("alice"), id, cmd::ChangeSeverity{Severity::kP1, "no change"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(r.error().message, id + " is already P1");
  EXPECT_EQ(EventTypes(id).size(), 1u);
}

TEST_F(IncidentServiceTest, TheLifecycleRunsFromInvestigatingToClosedAndReopens) {
  std::string id = Declare(Severity::kP1);
  auto identified = Run(As("alice"), id, cmd::Identify{"a bad deploy", "deployment"});
  ASSERT_TRUE(identified.ok()) << identified.error().message;
  EXPECT_EQ(identified->state.status, Status::kIdentified);
  ASSERT_TRUE(identified->state.root_cause.has_value());
  EXPECT_EQ(identified->state.root_cause->category, "deployment");

  auto mitigated = Run(As("alice"), id, cmd::Mitigate{"rolled back"});
  ASSERT_TRUE(mitigated.ok());
  EXPECT_EQ(mitigated->state.status, Status::kMonitoring);
  EXPECT_EQ(mitigated->state.mitigation, "rolled back");

  clock_->Advance(1h);
  auto resolved = Run(As("alice"), id, Resolution("stable for an hour"));
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->state.status, Status::kResolved);
  EXPECT_EQ(resolved->state.resolved_at, kMemoryStart + 1h);
  EXPECT_EQ(ClockOf(*resolved, ClockKind::kTargetResolution).status, ClockStatus::kMet);
  EXPECT_EQ(ClockOf(*resolved, ClockKind::kPostIncidentReview).status, ClockStatus::kPending);

  auto reopened = Run(As("bob"), id, cmd::Reopen{"errors are back"});
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  EXPECT_EQ(reopened->state.reopen_count, 1);
  EXPECT_TRUE(core::IsOpen(reopened->state.status));
  EXPECT_EQ(EventTypes(id),
            (Types{"declared", "root_cause_identified", "mitigated", "resolved", "reopened"}));
}

TEST_F(IncidentServiceTest, ClosingAP1WithoutAReviewIsRefusedAndWithOneSucceeds) {
  std::string id = Mitigated();
  clock_->Advance(1h);
  ASSERT_TRUE(Run(As("alice"), id, Resolution("stable")).ok());
  auto r = Run(As("alice"), id, cmd::Close{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(r.error().message,
            id + " is P1, which requires a post-incident review: close it with --pir-url URL");
  auto closed = Run(As("alice"), id, cmd::Close{"https://wiki.example.com/pir/1"});
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_EQ(closed->state.status, Status::kClosed);
  EXPECT_EQ(EventTypes(id).back(), "closed");
}

TEST_F(IncidentServiceTest, ResolvingTwiceIsRefusedAndWritesNothing) {
  std::string id = Mitigated();
  clock_->Advance(1h);
  ASSERT_TRUE(Run(As("alice"), id, Resolution("stable")).ok());
  std::size_t count = EventTypes(id).size();
  auto r = Run(As("alice"), id, Resolution("stable"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(
      r.error().message, id + " is resolved: cannot resolve; allowed next steps: " + [] {
        std::string s;
        for (const auto& n : core::AllowedNextSteps(Status::kResolved))
          s += (s.empty() ? "" : ", ") + n;
        return s;
      }());
  EXPECT_EQ(EventTypes(id).size(), count);
}

TEST_F(IncidentServiceTest, AcknowledgingAResolvedIncidentIsRefusedAndWritesNothing) {
  std::string id = Mitigated();
  clock_->Advance(1h);
  ASSERT_TRUE(Run(As("alice"), id, Resolution("stable")).ok());
  std::size_t count = EventTypes(id).size();
  auto r = Run(As("bob"), id, cmd::Acknowledge{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(r.error().message.rfind(id + " is resolved: cannot acknowledge", 0), 0u)
      << r.error().message;
  EXPECT_EQ(EventTypes(id).size(), count);
}

TEST_F(IncidentServiceTest, ResolvingBeforeThePolicysStabilityIsRefusedUnlessForced) {
  std::string id = Mitigated();
  clock_->Advance(10min);
  auto r = Run(As("alice"), id, Resolution("looks fine"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.error().message.find("of stability first"), std::string::npos) << r.error().message;
  EXPECT_EQ(EventTypes(id).size(), 3u);

  auto forced = Run(As("alice"), id, cmd::Resolve{"looks fine", true, "customers waiting"});
  ASSERT_TRUE(forced.ok()) << forced.error().message;
  EXPECT_EQ(forced->state.status, Status::kResolved);
}

TEST_F(IncidentServiceTest, ResolvingWithoutARootCauseIsRefused) {
  std::string id = Declare(Severity::kP1);
  ASSERT_TRUE(Run(As("alice"), id, cmd::Mitigate{"rolled back"}).ok());
  clock_->Advance(1h);
  auto r = Run(As("alice"), id, Resolution("stable"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(r.error().message.rfind(id + " has no root cause: identify it first", 0), 0u);
  EXPECT_EQ(EventTypes(id).size(), 2u);
}

TEST_F(IncidentServiceTest, ResolvingByANonCommanderIsRefused) {
  std::string id = Mitigated();
  clock_->Advance(1h);
  auto r = Run(As("bob"), id, Resolution("stable"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(r.error().message,
            "resolving is for the incident's Incident Commander (alice) or an admin");
  EXPECT_EQ(EventTypes(id).size(), 3u);
}

TEST_F(IncidentServiceTest, AssigningARoleMakesItsHolderAParticipant) {
  std::string id = Declare(Severity::kP1, "alice", core::Visibility::kRestricted);
  auto v = Run(As("alice"), id, cmd::AssignRole{core::Role::kScribe, "bob"});
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->state.roles.at(core::Role::kScribe), "bob");
  EXPECT_TRUE(v->state.IsParticipant("bob"));
  EXPECT_EQ(EventTypes(id), (Types{"declared", "role_assigned"}));
  EXPECT_TRUE(Get(As("bob"), id).ok());  // restricted, but bob now takes part
}

TEST_F(IncidentServiceTest, AssigningARoleToAnUnknownUserIsNotFound) {
  std::string id = Declare(Severity::kP1);
  auto r = Run(As("alice"), id, cmd::AssignRole{core::Role::kScribe, "bobb"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(r.error().message, "no user 'bobb': list users with `warroom user list`");
  EXPECT_EQ(EventTypes(id).size(), 1u);
}

TEST_F(IncidentServiceTest, AssigningARoleToAViewerIsRefused) {
  std::string id = Declare(Severity::kP1);
  auto r = Run(As("alice"), id, cmd::AssignRole{core::Role::kScribe, "vic"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(r.error().message.rfind("vic is a viewer and cannot hold a role on " + id, 0), 0u)
      << r.error().message;
  EXPECT_EQ(EventTypes(id).size(), 1u);
}

TEST_F(IncidentServiceTest, TakingAnOccupiedCommanderRoleIsRefused) {
  std::string id = Declare(Severity::kP1);
  auto r = Run(As("bob"), id, cmd::AssignRole{core::Role::kIncidentCommander, "bob"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(r.error().message.find("ask alice to hand it over"), std::string::npos);
  auto handed = Run(As("alice"), id, cmd::AssignRole{core::Role::kIncidentCommander, "bob"});
  ASSERT_TRUE(handed.ok()) << handed.error().message;
  EXPECT_EQ(handed->state.Commander(), "bob");
}

TEST_F(IncidentServiceTest, ANoteIsAppendedToTheTimeline) {
  std::string id = Declare(Severity::kP1);
  auto v = Run(As("bob"), id, cmd::AddNote{core::NoteKind::kFinding, "p99 doubled at 13:55"});
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->state.note_count, 1);
  ASSERT_EQ(v->events.size(), 1u);
  EXPECT_EQ(v->events[0].actor, core::Actor::User("bob"));
  EXPECT_EQ(EventTypes(id), (Types{"declared", "note_added"}));
}

TEST_F(IncidentServiceTest, AnInternalUpdateMeetsTheUpdateClockAndRearmsItFromThePost) {
  std::string id = Declare(Severity::kP1);
  clock_->Advance(20min);
  auto v = Run(As("alice"), id,
               cmd::PostUpdate{core::Audience::kInternal, "rolling back", "", false, ""});
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->state.update_count, 1);
  EXPECT_EQ(v->state.last_update_at, kMemoryStart + 20min);
  const auto& update = ClockOf(*v, ClockKind::kUpdate);
  EXPECT_EQ(update.status, ClockStatus::kPending);
  EXPECT_EQ(update.due_at, kMemoryStart + 50min);
  EXPECT_EQ(EventTypes(id), (Types{"declared", "update_posted"}));
}

TEST_F(IncidentServiceTest, ATemplatedUpdateWithoutTemplatesIsUnavailable) {
  std::string id = Declare(Severity::kP1);
  cmd::PostUpdate u{core::Audience::kInternal, "", "status-update", false, ""};
  auto r = Run(As("alice"), id, u);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(EventTypes(id).size(), 1u);
}

TEST_F(IncidentServiceTest, AViewerIsRefusedEveryCommand) {
  std::string id = Declare(Severity::kP1);
  Caller viewer = As("vic", store::Permission::kViewer);
  for (core::Command c : {core::Command{cmd::Acknowledge{}},
                          core::Command{cmd::AddNote{core::NoteKind::kFinding, "x"}},
                          core::Command{Declaration(Severity::kP1, "again")}}) {
    auto r = Run(viewer, std::holds_alternative<cmd::Declare>(c) ? "" : id, c);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(r.error().message,
              "vic is a viewer: incident commands need the responder permission");
  }
  EXPECT_EQ(EventTypes(id).size(), 1u);
  EXPECT_TRUE(Get(viewer, id).ok());  // a public incident: viewers read it
}

TEST_F(IncidentServiceTest, AnAdminsReadScopedTokenActsAsAViewer) {
  std::string id = Declare(Severity::kP1);
  Caller read_only{"admin", Effective(store::Permission::kViewer, store::Permission::kAdmin)};
  auto r = Run(read_only, id, cmd::Acknowledge{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(EventTypes(id).size(), 1u);
}

TEST_F(IncidentServiceTest, PeopleMayNotRecordWhatWarroomItselfRecords) {
  std::string id = Declare(Severity::kP1);
  auto r =
      Run(Admin(), id, cmd::RecordBreach{ClockKind::kAcknowledge, kMemoryStart + 15min, false});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(r.error().message,
            "clock breaches, message outcomes and reminders are recorded by warroom itself");
  EXPECT_EQ(EventTypes(id).size(), 1u);
}

TEST_F(IncidentServiceTest, ARestrictedIncidentIsNotFoundForANonParticipant) {
  std::string id = Declare(Severity::kP1, "alice", core::Visibility::kRestricted);
  const std::string not_found = "no incident " + id + " (list incidents with `warroom list`)";
  auto cmd_r = Run(As("bob"), id, cmd::AddNote{core::NoteKind::kFinding, "peek"});
  ASSERT_FALSE(cmd_r.ok());
  EXPECT_EQ(cmd_r.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(cmd_r.error().message, not_found);
  auto get_r = Get(As("bob"), id);
  ASSERT_FALSE(get_r.ok());
  EXPECT_EQ(get_r.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(get_r.error().message, not_found);
  EXPECT_EQ(EventTypes(id).size(), 1u);

  EXPECT_TRUE(Get(As("alice"), id).ok());
  EXPECT_TRUE(Get(Admin(), id).ok());
  std::optional<Result<std::vector<store::IncidentRow>>> listed;
  incidents_->List(As("bob"), store::IncidentFilter{},
                   [&](Result<std::vector<store::IncidentRow>> r) { listed.emplace(r); });
  ASSERT_TRUE(listed && listed->ok());
  EXPECT_TRUE((*listed)->empty());
}

TEST_F(IncidentServiceTest, AnUnknownIncidentIsNotFound) {
  Declare(Severity::kP1);
  const std::string id = "INC-2026-02-12-042";
  auto r = Run(As("alice"), id, cmd::Acknowledge{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(r.error().message, "no incident " + id + " (list incidents with `warroom list`)");
  auto g = Get(As("alice"), id);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().code, ErrorCode::kNotFound);
}

TEST_F(IncidentServiceTest, AStaleExpectedSequenceIsAConflictAndAppendsNothing) {
  // The service always appends at the chain head it loaded in the same write,
  // so a conflict is reachable only through the port: the guard it relies on.
  std::string id = Declare(Severity::kP1);
  auto v = Get(As("alice"), id);
  ASSERT_TRUE(v.ok());
  ASSERT_TRUE(Run(As("bob"), id, cmd::Acknowledge{}).ok());
  Outcome o = store_.WriteSync([&](store::WriteTx& tx) -> Outcome {
    core::CommandContext ctx;
    ctx.actor = core::Actor::User("alice");
    ctx.now = clock_->Now();
    ctx.policy = &policies_->Current().policy;
    WARROOM_ASSIGN_OR_RETURN(auto d, core::Decide(v->state, cmd::Acknowledge{}, ctx));
    core::Event e;
    e.incident_id = id;
    e.occurred_at = d.occurred_at;
    e.recorded_at = clock_->Now();
    e.actor = ctx.actor;
    e.payload = d.events[0];
    WARROOM_ASSIGN_OR_RETURN(auto stored, tx.Append(ToNewEvent(e), v->state.last_seq));
    (void)stored;
    return Success();
  });
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.error().code, ErrorCode::kConflict);
  EXPECT_EQ(EventTypes(id), (Types{"declared", "acknowledged"}));
}

TEST_F(IncidentServiceTest, TheCommitHookSeesEachCommittedStateAndNotARefusedOne) {
  std::vector<std::int64_t> seen;
  incidents_->SetCommitHook([&](const core::IncidentState& s, const std::vector<core::ClockView>&) {
    seen.push_back(s.last_seq);
  });
  std::string id = Declare(Severity::kP1);
  ASSERT_TRUE(Run(As("bob"), id, cmd::Acknowledge{}).ok());
  ASSERT_FALSE(Run(As("bob"), id, cmd::Acknowledge{}).ok());
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2}));
}

}  // namespace
}  // namespace warroom::engine
