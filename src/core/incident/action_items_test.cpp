// Decide and Apply for action items: added also after close, changed only
// where something differs, won't do with a reason, due dates not in the
// past, and the reminders' rules (system only, overdue only, once a day,
// the IC from the second).
#include <gtest/gtest.h>

#include "core/incident/history_builder.hpp"

namespace warroom::core {
namespace {

namespace c = commands;
TimePoint T(const char* s) { return *ParseTime(s); }

HistoryBuilder ClosedP1() {
  HistoryBuilder h;
  c::Declare d;
  d.severity = Severity::kP1;
  d.summary = "Scheduler not executing goals";
  EXPECT_TRUE(h.Run(d, T("2026-02-12T14:23:00Z")).ok());
  EXPECT_TRUE(h.Run(c::Identify{"Memory leak", "deployment"}, T("2026-02-12T14:30:00Z")).ok());
  EXPECT_TRUE(h.Run(c::Mitigate{"Rolled back"}, T("2026-02-12T14:50:00Z")).ok());
  EXPECT_TRUE(h.Run(c::Resolve{"Resumed", false, ""}, T("2026-02-12T16:00:00Z")).ok());
  EXPECT_TRUE(h.Run(c::Close{"https://wiki.example/pir"}, T("2026-02-14T10:00:00Z")).ok());
  return h;
}

c::AddActionItem Item(std::string title, std::string owner, std::string due) {
  return c::AddActionItem{std::move(title), std::move(owner), std::move(due), Severity::kP1, ""};
}

TEST(ActionItems, AreAddedAfterCloseNumberedAndOwnedByTheirOwner) {
  auto h = ClosedP1();
  ASSERT_TRUE(
      h.Run(Item("Add leak detection to CI", "mike", "2026-02-20"), T("2026-02-14T11:00:00Z"))
          .ok());
  ASSERT_TRUE(
      h.Run(Item("Automate rollback", "olive", "2026-02-28"), T("2026-02-14T11:05:00Z")).ok());
  const auto& items = h.state().action_items;
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].id, 1);
  EXPECT_EQ(items[1].id, 2);
  EXPECT_EQ(items[0].created_by, "sarah");
  EXPECT_EQ(items[0].status, ActionStatus::kNotStarted);
  EXPECT_EQ(items[1].created_at, T("2026-02-14T11:05:00Z"));
  // Owners take part: a restricted incident is visible to them.
  EXPECT_TRUE(h.state().IsParticipant("mike"));
}

TEST(ActionItems, RefuseAPastDueDateAPriorityP3AViewerAndADismissedIncident) {
  auto h = ClosedP1();
  auto past = h.Run(Item("x", "mike", "2026-02-13"), T("2026-02-14T11:00:00Z"));
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().message,
            "due date 2026-02-13 is in the past (today is 2026-02-14 UTC): give today or a later "
            "day");
  EXPECT_TRUE(h.Run(Item("x", "mike", "2026-02-14"), T("2026-02-14T23:59:00Z")).ok());  // today
  auto bad_day = h.Run(Item("x", "mike", "2026-02-30"), T("2026-02-14T11:00:00Z"));
  ASSERT_FALSE(bad_day.ok());
  EXPECT_NE(bad_day.error().message.find("YYYY-MM-DD"), std::string::npos);
  c::AddActionItem p3 = Item("x", "mike", "2026-03-01");
  p3.priority = Severity::kP3;
  EXPECT_EQ(h.Run(p3, T("2026-02-14T11:00:00Z")).error().code, ErrorCode::kInvalidArgument);
  auto viewer = h.RunNamingViewer(Item("x", "vera", "2026-03-01"), T("2026-02-14T11:00:00Z"));
  EXPECT_EQ(viewer.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(h.Run(Item("", "mike", "2026-03-01"), T("2026-02-14T11:00:00Z")).error().code,
            ErrorCode::kInvalidArgument);

  HistoryBuilder dismissed;
  ASSERT_TRUE(
      dismissed.Run(c::Declare{Severity::kP2, "Noise", {}, {}, {}, {}}, T("2026-02-12T14:23:00Z"))
          .ok());
  ASSERT_TRUE(
      dismissed.Run(c::Dismiss{DismissReason::kFalseAlarm, ""}, T("2026-02-12T14:30:00Z")).ok());
  auto refused = dismissed.Run(Item("x", "mike", "2026-03-01"), T("2026-02-12T14:31:00Z"));
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
}

TEST(ActionItems, ChangeRecordsOnlyWhatDiffersAndWontDoNeedsAReason) {
  auto h = ClosedP1();
  ASSERT_TRUE(
      h.Run(Item("Automate rollback", "mike", "2026-02-28"), T("2026-02-14T11:00:00Z")).ok());
  c::UpdateActionItem u;
  u.item_id = 1;
  u.title = "Automate rollback";  // the same
  u.owner = "olive";
  ASSERT_TRUE(h.Run(u, T("2026-02-15T09:00:00Z")).ok());
  const auto& e = std::get<events::ActionItemUpdated>(h.history().back().payload);
  EXPECT_FALSE(e.title.has_value());
  EXPECT_EQ(e.owner, std::optional<std::string>("olive"));
  EXPECT_EQ(h.state().action_items[0].owner, "olive");

  c::UpdateActionItem nothing;
  nothing.item_id = 1;
  nothing.owner = "olive";
  EXPECT_EQ(h.Run(nothing, T("2026-02-15T09:01:00Z")).error().code, ErrorCode::kInvalidArgument);
  c::UpdateActionItem wont;
  wont.item_id = 1;
  wont.status = ActionStatus::kWontDo;
  auto no_reason = h.Run(wont, T("2026-02-15T09:02:00Z"));
  EXPECT_EQ(no_reason.error().message,
            "say why action item 1 of INC-2026-02-12-001 won't be done: give a reason");
  wont.reason = "one click already";
  ASSERT_TRUE(h.Run(wont, T("2026-02-15T09:03:00Z")).ok());
  EXPECT_EQ(h.state().action_items[0].done_at, T("2026-02-15T09:03:00Z"));
  EXPECT_EQ(h.state().action_items[0].reason, "one click already");
  auto again = h.Run(wont, T("2026-02-15T09:04:00Z"));
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  // Reopened: no longer done.
  c::UpdateActionItem reopen;
  reopen.item_id = 1;
  reopen.status = ActionStatus::kInProgress;
  ASSERT_TRUE(h.Run(reopen, T("2026-02-15T09:05:00Z")).ok());
  EXPECT_FALSE(h.state().action_items[0].done_at.has_value());
  c::UpdateActionItem unknown;
  unknown.item_id = 9;
  unknown.status = ActionStatus::kDone;
  EXPECT_EQ(h.Run(unknown, T("2026-02-15T09:06:00Z")).error().code, ErrorCode::kNotFound);
}

TEST(ActionItems, RemindersAreTheSystemsOncePerDayAndReachTheIcFromTheSecond) {
  auto h = ClosedP1();  // the declarer, sarah, is the IC
  ASSERT_TRUE(h.Run(Item("Improve staging", "mike", "2026-02-15"), T("2026-02-14T11:00:00Z")).ok());
  c::RemindActionItem r{1};
  EXPECT_EQ(h.Run(r, T("2026-02-16T00:00:00Z")).error().code, ErrorCode::kPermissionDenied);
  auto not_yet = h.RunAs(r, T("2026-02-15T23:00:00Z"), Actor::System());
  EXPECT_EQ(not_yet.error().code, ErrorCode::kFailedPrecondition);  // due that day: not overdue
  ASSERT_TRUE(h.RunAs(r, T("2026-02-16T00:00:00Z"), Actor::System()).ok());
  auto first = std::get<events::ActionItemReminded>(h.history().back().payload);
  EXPECT_EQ(first.to, std::vector<std::string>{"mike"});
  EXPECT_EQ(first.day, "2026-02-16");
  EXPECT_EQ(h.RunAs(r, T("2026-02-16T12:00:00Z"), Actor::System()).error().code,
            ErrorCode::kAlreadyExists);
  ASSERT_TRUE(h.RunAs(r, T("2026-02-17T00:00:00Z"), Actor::System()).ok());
  auto second = std::get<events::ActionItemReminded>(h.history().back().payload);
  EXPECT_EQ(second.reminder, 2);
  EXPECT_EQ(second.to, (std::vector<std::string>{"mike", "sarah"}));
  EXPECT_EQ(h.state().action_items[0].reminders, 2);
  c::UpdateActionItem done;
  done.item_id = 1;
  done.status = ActionStatus::kDone;
  ASSERT_TRUE(h.Run(done, T("2026-02-17T09:00:00Z")).ok());
  EXPECT_EQ(h.RunAs(r, T("2026-02-18T00:00:00Z"), Actor::System()).error().code,
            ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace warroom::core
