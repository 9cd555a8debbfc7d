// IncidentService on the memory twin, continued: the response's other
// commands (dismiss, responders, tasks, impact, visibility, freezes, pages)
// and what warroom itself records (clock breaches, links).
#include <gtest/gtest.h>

#include "engine/engine_test_support.hpp"
#include "engine/incident_service.hpp"
#include "store/fenced_store.hpp"

namespace warroom::engine {
namespace {

using namespace std::chrono_literals;
using core::ClockKind;
using core::ClockStatus;
using core::Severity;
using core::Status;
using testing::kMemoryStart;
namespace cmd = core::commands;
using Types = std::vector<std::string>;

class IncidentServiceRecordsTest : public testing::EngineTest {
 protected:
  Result<IncidentView> Breach(const std::string& id, ClockKind k, TimePoint due) {
    std::optional<Result<IncidentView>> out;
    incidents_->RecordBreach(id, k, due, false, [&](auto r) { out.emplace(std::move(r)); });
    EXPECT_TRUE(out.has_value());
    return out ? std::move(*out) : Result<IncidentView>(Error::Internal("no answer"));
  }
  std::vector<Freeze> Freezes(const Caller& caller) {
    std::optional<Result<std::vector<Freeze>>> out;
    incidents_->Freezes(caller, [&](auto r) { out.emplace(std::move(r)); });
    EXPECT_TRUE(out && out->ok());
    return out && out->ok() ? **out : std::vector<Freeze>{};
  }
};

TEST_F(IncidentServiceRecordsTest, TheCommanderDismissesAFalseAlarmWhileItIsInvestigated) {
  std::string id = Declare(Severity::kP2);
  auto v = Run(As("alice"), id, cmd::Dismiss{core::DismissReason::kFalseAlarm, "test alert"});
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->state.status, Status::kDismissed);
  EXPECT_EQ(v->state.dismissed_reason, core::DismissReason::kFalseAlarm);
  EXPECT_EQ(EventTypes(id), (Types{"declared", "dismissed"}));

  auto r = Run(As("alice"), id, cmd::Join{"bob"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(r.error().message.rfind(id + " is dismissed: cannot join", 0), 0u);
  EXPECT_EQ(EventTypes(id).size(), 2u);
}

TEST_F(IncidentServiceRecordsTest, DismissingAnIdentifiedIncidentIsRefused) {
  std::string id = Declare(Severity::kP2);
  ASSERT_TRUE(Run(As("alice"), id, cmd::Identify{"a bad deploy", "deployment"}).ok());
  auto r = Run(As("alice"), id, cmd::Dismiss{core::DismissReason::kDuplicate, ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(r.error().message.rfind(id + " is identified: cannot dismiss", 0), 0u);
  EXPECT_EQ(EventTypes(id).size(), 2u);
}

TEST_F(IncidentServiceRecordsTest, RespondersJoinOnceAndLeave) {
  std::string id = Declare(Severity::kP2);
  auto joined = Run(As("bob"), id, cmd::Join{"bob"});
  ASSERT_TRUE(joined.ok()) << joined.error().message;
  EXPECT_EQ(joined->state.responders, Types{"bob"});
  auto twice = Run(As("bob"), id, cmd::Join{"bob"});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message, "bob is already a responder on " + id);
  auto viewer = Run(As("alice"), id, cmd::Join{"vic"});
  ASSERT_FALSE(viewer.ok());
  EXPECT_EQ(viewer.error().code, ErrorCode::kFailedPrecondition);
  auto left = Run(As("bob"), id, cmd::Leave{"bob"});
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(left->state.responders.empty());
  EXPECT_EQ(EventTypes(id), (Types{"declared", "responder_joined", "responder_left"}));
}

TEST_F(IncidentServiceRecordsTest, TasksAreNumberedAndCompletedOnce) {
  std::string id = Declare(Severity::kP2);
  auto added = Run(As("alice"), id, cmd::AddTask{"roll back the deploy", "bob"});
  ASSERT_TRUE(added.ok()) << added.error().message;
  ASSERT_EQ(added->state.tasks.size(), 1u);
  EXPECT_EQ(added->state.tasks[0].id, 1);
  EXPECT_TRUE(added->state.IsParticipant("bob"));
  auto done = Run(As("bob"), id, cmd::CompleteTask{1});
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(done->state.tasks[0].done);
  auto again = Run(As("bob"), id, cmd::CompleteTask{1});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, "task 1 of " + id + " is already done");
  auto unknown = Run(As("bob"), id, cmd::CompleteTask{7});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().message, id + " has no task 7");
  EXPECT_EQ(EventTypes(id), (Types{"declared", "task_added", "task_completed"}));
}

TEST_F(IncidentServiceRecordsTest, AnImpactUpdateIsCheckedAndRecorded) {
  std::string id = Declare(Severity::kP2);
  cmd::UpdateImpact bad;
  bad.change.customers_affected_pct = 140;
  auto r = Run(As("alice"), id, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message, "customers_affected_pct must be a share from 0 to 100");
  cmd::UpdateImpact good;
  good.change.customers_affected = 1840;
  auto v = Run(As("alice"), id, good);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->state.impact.customers_affected, 1840);
  EXPECT_EQ(EventTypes(id), (Types{"declared", "impact_updated"}));
}

TEST_F(IncidentServiceRecordsTest, RestrictingAnIncidentHidesItFromNonParticipants) {
  std::string id = Declare(Severity::kP2);
  ASSERT_TRUE(Get(As("bob"), id).ok());
  auto v = Run(As("alice"), id, cmd::ChangeVisibility{core::Visibility::kRestricted, "a leak"});
  ASSERT_TRUE(v.ok()) << v.error().message;
  auto hidden = Get(As("bob"), id);
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  auto status_page =
      Run(As("alice"), id, cmd::PostUpdate{core::Audience::kStatusPage, "all good", "", false, ""});
  ASSERT_FALSE(status_page.ok());
  EXPECT_EQ(status_page.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(EventTypes(id), (Types{"declared", "visibility_changed"}));
  // A publisher may publish a statement for it.
  Caller publisher = As("alice");
  publisher.publish_public = true;
  auto statement = Run(publisher, id,
                       cmd::PostUpdate{core::Audience::kStatusPage,
                                       "We are investigating a "
                                       "security matter.",
                                       "", false, ""});
  ASSERT_TRUE(statement.ok()) << statement.error().message;
  EXPECT_EQ(EventTypes(id), (Types{"declared", "visibility_changed", "update_posted"}));
}

TEST_F(IncidentServiceRecordsTest, OnlyAPublisherPostsToTheStatusPage) {
  std::string id = Declare(Severity::kP2);
  auto refused =
      Run(As("alice"), id, cmd::PostUpdate{core::Audience::kStatusPage, "all good", "", false, ""});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(refused.error().message.find("--publish-public true"), std::string::npos)
      << refused.error().message;
  // A publisher's read-only token may not either.
  Caller read_only = As("alice", store::Permission::kViewer);
  read_only.publish_public = true;
  EXPECT_FALSE(
      Run(read_only, id, cmd::PostUpdate{core::Audience::kStatusPage, "x", "", false, ""}).ok());
  EXPECT_EQ(EventTypes(id), (Types{"declared"}));
  Caller publisher = As("alice");
  publisher.publish_public = true;
  EXPECT_TRUE(
      Run(publisher, id, cmd::PostUpdate{core::Audience::kStatusPage, "all good", "", false, ""})
          .ok());
  EXPECT_TRUE(
      Run(Admin(), id, cmd::PostUpdate{core::Audience::kStatusPage, "resolved", "", false, ""})
          .ok());
  EXPECT_EQ(EventTypes(id), (Types{"declared", "update_posted", "update_posted"}));
}

TEST_F(IncidentServiceRecordsTest, AFreezeIsListedWithoutTheDetailsOfARestrictedIncident) {
  std::string open_id = Declare(Severity::kP1);
  std::string secret_id = Declare(Severity::kP1, "alice", core::Visibility::kRestricted);
  ASSERT_TRUE(Run(As("alice"), open_id, cmd::Freeze{"stop deploys"}).ok());
  clock_->Advance(1min);
  ASSERT_TRUE(Run(As("alice"), secret_id, cmd::Freeze{"hush"}).ok());
  auto twice = Run(As("alice"), open_id, cmd::Freeze{"again"});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message, open_id + " already has a code freeze: stop deploys");

  auto seen = Freezes(As("bob"));
  ASSERT_EQ(seen.size(), 2u);
  int restricted = 0;
  for (const auto& f : seen) {
    if (f.restricted) {
      ++restricted;
      EXPECT_TRUE(f.incident_id.empty());
      EXPECT_TRUE(f.reason.empty());
      EXPECT_EQ(f.since, kMemoryStart + 1min);
    } else {
      EXPECT_EQ(f.incident_id, open_id);
      EXPECT_EQ(f.reason, "stop deploys");
    }
  }
  EXPECT_EQ(restricted, 1);
  for (const auto& f : Freezes(As("alice"))) EXPECT_FALSE(f.restricted);

  ASSERT_TRUE(Run(As("alice"), open_id, cmd::Unfreeze{"done"}).ok());
  EXPECT_EQ(Freezes(Admin()).size(), 1u);
}

TEST_F(IncidentServiceRecordsTest, PagingIsForTheCommander) {
  std::string id = Declare(Severity::kP1);
  auto r = Run(As("bob"), id, cmd::Page{"oncall-sre", "need hands"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(r.error().message,
            "paging is for the incident's Incident Commander (alice) or an admin");
  ASSERT_TRUE(Run(As("alice"), id, cmd::Page{"oncall-sre", "need hands"}).ok());
  EXPECT_EQ(EventTypes(id), (Types{"declared", "page_requested"}));
}

TEST_F(IncidentServiceRecordsTest, ABreachIsRecordedOnceAndOnlyWhenTheClockIsBreached) {
  std::string id = Declare(Severity::kP1);
  const TimePoint due = kMemoryStart + 15min;
  auto early = Breach(id, ClockKind::kAcknowledge, due);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(early.error().message,
            id + ": the acknowledge clock due " + FormatTime(due) + " is not breached now");
  EXPECT_EQ(EventTypes(id).size(), 1u);

  clock_->Advance(16min);
  auto v = Breach(id, ClockKind::kAcknowledge, due);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(ClockOf(*v, ClockKind::kAcknowledge).status, ClockStatus::kBreached);
  ASSERT_EQ(v->events.size(), 1u);
  EXPECT_EQ(v->events[0].actor, core::Actor::System());
  EXPECT_EQ(EventTypes(id), (Types{"declared", "clock_breached"}));

  auto again = Breach(id, ClockKind::kAcknowledge, due);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(EventTypes(id).size(), 2u);
}

TEST_F(IncidentServiceRecordsTest, ABreachOfAnUnknownIncidentIsNotFound) {
  auto r = Breach("INC-2026-02-12-009", ClockKind::kAcknowledge, kMemoryStart);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

TEST_F(IncidentServiceRecordsTest, ALinkIsRecordedAsWarroomItself) {
  std::string id = Declare(Severity::kP1);
  std::optional<Result<IncidentView>> out;
  incidents_->RecordLink(id, cmd::AddLink{"war-room", "https://chat.example.com/r/1", "Room"},
                         [&](auto r) { out.emplace(std::move(r)); });
  ASSERT_TRUE(out && out->ok()) << out->error().message;
  ASSERT_EQ((*out)->state.links.size(), 1u);
  EXPECT_EQ((*out)->state.links[0].url, "https://chat.example.com/r/1");
  EXPECT_EQ((*out)->events.at(0).actor, core::Actor::System());
  EXPECT_EQ(EventTypes(id), (Types{"declared", "link_added"}));
}

// A former holder of the background lease records no breach once another
// instance has taken it over: warroom's own writes go through the fenced
// store; a person's command does not depend on the lease.
TEST_F(IncidentServiceRecordsTest, AFencedFormerHolderRecordsNoBreach) {
  store::FencedStore fenced(store_);
  incidents_->SetBackgroundStore(&fenced);
  std::string id = Declare(Severity::kP1);
  store::Lease other;
  ASSERT_TRUE(store_
                  .WriteSync([&](store::WriteTx& tx) -> Outcome {
                    WARROOM_ASSIGN_OR_RETURN(
                        other, tx.TakeLease("background", "b", std::chrono::minutes(1)));
                    return Success();
                  })
                  .ok());
  fenced.SetFence({"background", "a", other.epoch});
  clock_->Advance(16min);
  auto r = Breach(id, ClockKind::kAcknowledge, kMemoryStart + 15min);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(EventTypes(id), (Types{"declared"}));
  EXPECT_TRUE(Run(As("alice"), id, cmd::AddNote{core::NoteKind::kFinding, "still here"}).ok());
}

}  // namespace
}  // namespace warroom::engine
