// The store contract: the action-item list (store/action_items.hpp), its
// filters, order, visibility and the reminders' question, alike on every
// adapter.
#include "store/store_contract_test.hpp"

namespace warroom::store {
namespace {

using core::ActionStatus;
using core::Severity;
using core::Visibility;

IncidentRow Incident(std::string id, Visibility v, std::vector<std::string> participants) {
  IncidentRow r;
  r.id = std::move(id);
  r.severity = Severity::kP1;
  r.summary = "Summary of " + r.id;
  r.visibility = v;
  r.participants = std::move(participants);
  r.declared_at = r.updated_at = At(10);
  r.last_seq = 1;
  return r;
}

core::ActionItem Item(std::int64_t id, std::string owner, std::string due,
                      ActionStatus status = ActionStatus::kNotStarted) {
  core::ActionItem a;
  a.id = id;
  a.title = "Item " + std::to_string(id) + " of " + owner;
  a.owner = std::move(owner);
  a.due = std::move(due);
  a.priority = Severity::kP0;
  a.status = status;
  a.tracker_url = "https://tracker.example/" + std::to_string(id);
  a.created_by = "sarah";
  a.created_at = At(20);
  a.updated_at = At(21);
  if (!core::IsOpen(status)) a.done_at = At(22);
  return a;
}

void Seed(Store& s) {
  ASSERT_TRUE(
      s.WriteSync([](WriteTx& tx) -> Outcome {
         WARROOM_RETURN_IF_ERROR(
             tx.UpsertIncident(Incident("INC-1", Visibility::kPublic, {"sarah"})));
         WARROOM_RETURN_IF_ERROR(
             tx.UpsertIncident(Incident("INC-2", Visibility::kRestricted, {"mike"})));
         WARROOM_RETURN_IF_ERROR(tx.UpsertActionItem("INC-1", Item(1, "mike", "2026-02-20")));
         WARROOM_RETURN_IF_ERROR(tx.UpsertActionItem("INC-1", Item(2, "olive", "2026-02-10")));
         WARROOM_RETURN_IF_ERROR(
             tx.UpsertActionItem("INC-1", Item(3, "mike", "2026-02-01", ActionStatus::kDone)));
         return tx.UpsertActionItem("INC-2", Item(1, "mike", "2026-02-15"));
       }).ok());
}

std::vector<std::string> Listed(Store& s, ActionItemFilter f) {
  std::vector<std::string> out;
  EXPECT_TRUE(s.ReadSync([&](ReadTx& tx) -> Outcome {
                 WARROOM_ASSIGN_OR_RETURN(auto rows, tx.ListActionItems(f));
                 for (const auto& r : rows)
                   out.push_back(r.incident_id + "#" + std::to_string(r.item.id));
                 return Success();
               }).ok());
  return out;
}

TEST_P(StoreContract, ActionItemsListsEarliestDueFirstWithTheIncidentsSummary) {
  Seed(*store_);
  ActionItemFilter all;
  all.viewer_is_admin = true;
  EXPECT_EQ(Listed(*store_, all),
            (std::vector<std::string>{"INC-1#3", "INC-1#2", "INC-2#1", "INC-1#1"}));
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                ActionItemFilter f;
                f.viewer_is_admin = true;
                f.incident_id = "INC-1";
                f.status = ActionStatus::kDone;
                WARROOM_ASSIGN_OR_RETURN(auto rows, tx.ListActionItems(f));
                EXPECT_EQ(rows.size(), 1u);
                if (rows.empty()) return Success();
                const auto& r = rows[0];
                EXPECT_EQ(r.incident_summary, "Summary of INC-1");
                EXPECT_EQ(r.incident_severity, Severity::kP1);
                EXPECT_EQ(r.item.title, "Item 3 of mike");
                EXPECT_EQ(r.item.priority, Severity::kP0);
                EXPECT_EQ(r.item.tracker_url, "https://tracker.example/3");
                EXPECT_EQ(r.item.created_by, "sarah");
                EXPECT_EQ(r.item.created_at, At(20));
                EXPECT_EQ(r.item.updated_at, At(21));
                EXPECT_EQ(r.item.done_at, std::optional<TimePoint>(At(22)));
                return Success();
              }).ok());
}

TEST_P(StoreContract, ActionItemsFiltersByOwnerOpennessOverdueAndVisibility) {
  Seed(*store_);
  ActionItemFilter f;
  f.viewer_is_admin = true;
  f.owner = "mike";
  f.open = true;
  EXPECT_EQ(Listed(*store_, f), (std::vector<std::string>{"INC-2#1", "INC-1#1"}));
  ActionItemFilter overdue;
  overdue.viewer_is_admin = true;
  overdue.overdue_on = "2026-02-15";  // due the 15th: not yet overdue; done ones never
  EXPECT_EQ(Listed(*store_, overdue), (std::vector<std::string>{"INC-1#2"}));
  ActionItemFilter olive;
  olive.viewer = "olive";  // not a participant of the restricted INC-2
  EXPECT_EQ(Listed(*store_, olive), (std::vector<std::string>{"INC-1#3", "INC-1#2", "INC-1#1"}));
  ActionItemFilter mike;
  mike.viewer = "mike";
  EXPECT_EQ(Listed(*store_, mike).size(), 4u);
  ActionItemFilter page;
  page.viewer_is_admin = true;
  page.limit = 2;
  page.offset = 1;
  EXPECT_EQ(Listed(*store_, page), (std::vector<std::string>{"INC-1#2", "INC-2#1"}));
}

TEST_P(StoreContract, ActionItemsAnUpsertReplacesTheItemAndRemindedOnesWaitForTheNextDay) {
  Seed(*store_);
  ActionItemFilter due;
  due.ignore_visibility = true;
  due.unreminded_on = "2026-02-16";
  EXPECT_EQ(Listed(*store_, due), (std::vector<std::string>{"INC-1#2", "INC-2#1"}));
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                auto a = Item(2, "olive", "2026-02-10", ActionStatus::kInProgress);
                a.reminders = 1;
                a.last_reminded_day = "2026-02-16";
                a.title = "Renamed";
                return tx.UpsertActionItem("INC-1", a);
              }).ok());
  EXPECT_EQ(Listed(*store_, due), (std::vector<std::string>{"INC-2#1"}));
  due.unreminded_on = "2026-02-17";
  EXPECT_EQ(Listed(*store_, due), (std::vector<std::string>{"INC-1#2", "INC-2#1"}));
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                ActionItemFilter f;
                f.viewer_is_admin = true;
                f.owner = "olive";
                WARROOM_ASSIGN_OR_RETURN(auto rows, tx.ListActionItems(f));
                EXPECT_EQ(rows.size(), 1u);
                if (rows.empty()) return Success();
                EXPECT_EQ(rows[0].item.title, "Renamed");
                EXPECT_EQ(rows[0].item.status, ActionStatus::kInProgress);
                EXPECT_EQ(rows[0].item.reminders, 1);
                EXPECT_EQ(rows[0].item.last_reminded_day, "2026-02-16");
                EXPECT_FALSE(rows[0].item.done_at.has_value());
                return Success();
              }).ok());
}

}  // namespace
}  // namespace warroom::store
