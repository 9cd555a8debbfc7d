// The store contract: alerts (dedup by integration, key and start; resolved
// is final; acknowledgments hold), dispositions and group holders.
#include "store/store_contract_test.hpp"

namespace warroom::store {
namespace {

using core::AlertStatus;
using core::Disposition;

AlertRecord Report(std::string key, std::int64_t start, AlertStatus status, std::int64_t seen,
                   std::string group = "g1") {
  AlertRecord a;
  a.integration = "am";
  a.alert_key = std::move(key);
  a.starts_at = At(start);
  a.status = status;
  a.group_key = std::move(group);
  a.summary = "Summary at " + std::to_string(seen);
  a.labels = R"({"alertname":"High"})";
  a.annotations = R"({"n":")" + std::to_string(seen) + R"("})";
  a.first_seen = a.last_seen = At(seen);
  return a;
}

AlertUpsert Upsert(Store& s, const AlertRecord& a) {
  AlertUpsert out;
  EXPECT_TRUE(s.WriteSync([&](WriteTx& tx) -> Outcome {
                 WARROOM_ASSIGN_OR_RETURN(out, tx.UpsertAlert(a));
                 return Success();
               }).ok());
  return out;
}

TEST_P(StoreContract, ARepeatOfOneFiringUpdatesItsAlertAndANewStartIsANewAlert) {
  auto first = Upsert(*store_, Report("fp1", 100, AlertStatus::kFiring, 100));
  EXPECT_TRUE(first.created);
  EXPECT_EQ(first.alert.id, 1);
  EXPECT_EQ(first.alert.fire_count, 1);
  EXPECT_FALSE(first.previous_status);
  auto repeat = Upsert(*store_, Report("fp1", 100, AlertStatus::kFiring, 130));
  EXPECT_FALSE(repeat.created);
  EXPECT_EQ(repeat.alert.id, 1);
  EXPECT_EQ(repeat.alert.fire_count, 2);
  EXPECT_EQ(repeat.previous_status, AlertStatus::kFiring);
  EXPECT_EQ(repeat.alert.last_seen, At(130));
  EXPECT_EQ(repeat.alert.first_seen, At(100));
  EXPECT_EQ(repeat.alert.summary, "Summary at 130");
  auto older = Upsert(*store_, Report("fp1", 100, AlertStatus::kFiring, 110));  // a late copy
  EXPECT_EQ(older.alert.last_seen, At(130));
  auto next = Upsert(*store_, Report("fp1", 200, AlertStatus::kFiring, 200));
  EXPECT_TRUE(next.created);
  EXPECT_EQ(next.alert.id, 2);
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto all, tx.ListAlerts({}));
                EXPECT_EQ(all.size(), 2u);
                if (all.size() == 2) EXPECT_EQ(all[0].id, 2);  // the last seen first
                WARROOM_ASSIGN_OR_RETURN(auto one, tx.FindAlert(1));
                EXPECT_EQ(one->fire_count, 3);
                EXPECT_EQ(one->labels, R"({"alertname":"High"})");
                EXPECT_EQ(one->annotations, R"({"n":"110"})");
                EXPECT_EQ(one->disposition, Disposition::kTriage);
                EXPECT_EQ(one->incident_id, "");
                WARROOM_ASSIGN_OR_RETURN(auto start, tx.OpenAlertStart("am", "fp1"));
                EXPECT_EQ(start, At(200));  // the latest open one
                return Success();
              }).ok());
}

// Runs one of the repeat writes (RepeatFiring, RepeatOpenFiring) and
// answers what it answered.
bool Repeat(Store& s, Result<bool> (AlertWrites::*repeat)(const AlertRecord&),
            const AlertRecord& a) {
  bool out = false;
  EXPECT_TRUE(s.WriteSync([&](WriteTx& tx) -> Outcome {
                 WARROOM_ASSIGN_OR_RETURN(out, (tx.*repeat)(a));
                 return Success();
               }).ok());
  return out;
}

bool RepeatFiring(Store& s, const AlertRecord& a) {
  return Repeat(s, &AlertWrites::RepeatFiring, a);
}

TEST_P(StoreContract, ARepeatOfFiringCountsLikeAnUpsertAndFindsNothingToRepeatWithoutWriting) {
  EXPECT_FALSE(RepeatFiring(*store_, Report("fp1", 100, AlertStatus::kFiring, 100)));
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto all, tx.ListAlerts({}));
                EXPECT_TRUE(all.empty());
                return Success();
              }).ok());
  Upsert(*store_, Report("fp1", 100, AlertStatus::kFiring, 100));
  Upsert(*store_, Report("fp2", 100, AlertStatus::kFiring, 100));
  Upsert(*store_, Report("fp2", 100, AlertStatus::kAcknowledged, 105));
  EXPECT_TRUE(RepeatFiring(*store_, Report("fp1", 100, AlertStatus::kFiring, 130)));
  EXPECT_TRUE(RepeatFiring(*store_, Report("fp1", 100, AlertStatus::kFiring, 110)));  // a late copy
  EXPECT_TRUE(RepeatFiring(*store_, Report("fp2", 100, AlertStatus::kFiring, 120)));
  EXPECT_FALSE(
      RepeatFiring(*store_, Report("fp1", 200, AlertStatus::kFiring, 200)));  // another start
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto one, tx.FindAlert(1));
                EXPECT_EQ(one->fire_count, 3);
                EXPECT_EQ(one->last_seen, At(130));
                EXPECT_EQ(one->first_seen, At(100));
                EXPECT_EQ(one->status, AlertStatus::kFiring);
                EXPECT_EQ(one->summary, "Summary at 110");
                EXPECT_EQ(one->annotations, R"({"n":"110"})");
                EXPECT_FALSE(one->ends_at.has_value());
                WARROOM_ASSIGN_OR_RETURN(auto two, tx.FindAlert(2));
                EXPECT_EQ(two->status,
                          AlertStatus::kAcknowledged);  // firing again does not undo it
                EXPECT_EQ(two->fire_count, 3);
                WARROOM_ASSIGN_OR_RETURN(auto all, tx.ListAlerts({}));
                EXPECT_EQ(all.size(), 2u);
                return Success();
              }).ok());
}

bool RepeatOpenFiring(Store& s, const AlertRecord& a) {
  return Repeat(s, &AlertWrites::RepeatOpenFiring, a);
}

// PagerDuty's dedup_key names no start: a repeat counts against the newest
// open alert of the key, acknowledged included, never a resolved one.
TEST_P(StoreContract, ARepeatOfAnOpenAlertCountsAgainstTheNewestOpenOneOfItsKey) {
  EXPECT_FALSE(RepeatOpenFiring(*store_, Report("k1", 999, AlertStatus::kFiring, 100)));
  Upsert(*store_, Report("k1", 100, AlertStatus::kFiring, 100));  // id 1
  auto resolved = Report("k1", 100, AlertStatus::kResolved, 110);
  resolved.ends_at = At(110);
  Upsert(*store_, resolved);
  EXPECT_FALSE(RepeatOpenFiring(*store_, Report("k1", 999, AlertStatus::kFiring, 115)));
  Upsert(*store_, Report("k1", 120, AlertStatus::kFiring, 120));        // id 2
  Upsert(*store_, Report("k1", 130, AlertStatus::kFiring, 130));        // id 3, the newest
  Upsert(*store_, Report("k1", 130, AlertStatus::kAcknowledged, 135));  // acknowledged: open
  Upsert(*store_, Report("k2", 140, AlertStatus::kFiring, 140));        // id 4, another key
  EXPECT_TRUE(RepeatOpenFiring(*store_, Report("k1", 999, AlertStatus::kFiring, 150)));
  EXPECT_TRUE(RepeatOpenFiring(*store_, Report("k1", 999, AlertStatus::kFiring, 145)));  // late
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto three, tx.FindAlert(3));
                EXPECT_EQ(three->fire_count, 4);
                EXPECT_EQ(three->last_seen, At(150));
                EXPECT_EQ(three->starts_at, At(130));  // its own start, not the report's
                EXPECT_EQ(three->status, AlertStatus::kAcknowledged);
                EXPECT_EQ(three->summary, "Summary at 145");
                for (std::int64_t id : {1, 2, 4}) {
                  WARROOM_ASSIGN_OR_RETURN(auto other, tx.FindAlert(id));
                  EXPECT_EQ(other->fire_count, id == 1 ? 2 : 1) << id;
                }
                WARROOM_ASSIGN_OR_RETURN(auto all, tx.ListAlerts({}));
                EXPECT_EQ(all.size(), 4u);  // nothing made
                return Success();
              }).ok());
}

TEST_P(StoreContract, ResolvedIsFinalAndAnAcknowledgmentHoldsAgainstFiring) {
  Upsert(*store_, Report("fp1", 100, AlertStatus::kFiring, 100));
  auto ack = Upsert(*store_, Report("fp1", 100, AlertStatus::kAcknowledged, 110));
  EXPECT_EQ(ack.alert.status, AlertStatus::kAcknowledged);
  auto firing = Upsert(*store_, Report("fp1", 100, AlertStatus::kFiring, 120));
  EXPECT_EQ(firing.alert.status, AlertStatus::kAcknowledged);
  EXPECT_EQ(firing.previous_status, AlertStatus::kAcknowledged);
  auto resolved_report = Report("fp1", 100, AlertStatus::kResolved, 130);
  resolved_report.ends_at = At(125);
  auto resolved = Upsert(*store_, resolved_report);
  EXPECT_EQ(resolved.alert.status, AlertStatus::kResolved);
  EXPECT_EQ(resolved.alert.ends_at, At(125));
  auto late = Upsert(*store_, Report("fp1", 100, AlertStatus::kFiring, 140));
  EXPECT_EQ(late.alert.status, AlertStatus::kResolved);
  EXPECT_EQ(late.previous_status, AlertStatus::kResolved);
  EXPECT_EQ(late.alert.ends_at, At(125));
  auto again = Upsert(*store_, Report("fp1", 100, AlertStatus::kResolved, 150));  // no end: stays
  EXPECT_EQ(again.alert.ends_at, At(125));
  Upsert(*store_, Report("fp2", 100, AlertStatus::kFiring, 100));
  auto no_end = Upsert(*store_, Report("fp2", 100, AlertStatus::kResolved, 160));
  EXPECT_EQ(no_end.alert.ends_at, At(160));  // resolved without an end: when seen
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto start, tx.OpenAlertStart("am", "fp1"));
                EXPECT_FALSE(start);
                AlertFilter f;
                f.status = AlertStatus::kResolved;
                WARROOM_ASSIGN_OR_RETURN(auto rows, tx.ListAlerts(f));
                EXPECT_EQ(rows.size(), 2u);
                return Success();
              }).ok());
}

TEST_P(StoreContract, DispositionsGroupHoldersAndFiringCountsFollowTheIncident) {
  for (auto [key, group] : {std::pair{"a", "g1"}, {"b", "g1"}, {"c", "g2"}})
    Upsert(*store_, Report(key, 100, AlertStatus::kFiring, 100, group));
  AlertDisposition routed{Disposition::kIncident, "INC-1", "db-route", "", "", At(110)};
  AlertDisposition triaged{Disposition::kDismissed, "", "", "amy", "noise", At(120)};
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.SetAlertDisposition({1, 2, 3, 99}, routed));
                WARROOM_RETURN_IF_ERROR(tx.SetAlertDisposition({}, triaged));
                WARROOM_RETURN_IF_ERROR(tx.AddAlertGroupHolder("am", "g1", "INC-1", At(110)));
                WARROOM_RETURN_IF_ERROR(tx.AddAlertGroupHolder("am", "g1", "INC-2", At(115)));
                return tx.AddAlertGroupHolder("am", "g1", "INC-1", At(200));  // idempotent
              }).ok());
  Upsert(*store_, Report("b", 100, AlertStatus::kResolved, 130, "g1"));
  auto counts = [&](std::string group) {
    std::pair<std::int64_t, std::int64_t> c;
    EXPECT_TRUE(Read([&](ReadTx& tx) -> Outcome {
                  WARROOM_ASSIGN_OR_RETURN(c, tx.CountFiringAlerts("INC-1", "am", group));
                  return Success();
                }).ok());
    return c;
  };
  EXPECT_EQ(counts("g1"), (std::pair<std::int64_t, std::int64_t>{1, 2}));
  EXPECT_EQ(counts("g2"), (std::pair<std::int64_t, std::int64_t>{1, 2}));
  ASSERT_TRUE(Write([&](WriteTx& tx) { return tx.SetAlertDisposition({3}, triaged); }).ok());
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto holder, tx.AlertGroupHolder("am", "g1"));
                EXPECT_EQ(holder, "INC-2");  // the newest
                WARROOM_ASSIGN_OR_RETURN(auto nobody, tx.AlertGroupHolder("am", "g9"));
                EXPECT_FALSE(nobody);
                WARROOM_ASSIGN_OR_RETURN(auto c, tx.FindAlert(3));
                EXPECT_EQ(c->disposition, Disposition::kDismissed);
                EXPECT_EQ(c->incident_id, "");
                EXPECT_EQ(c->route, "db-route");  // an empty route keeps the one recorded
                EXPECT_EQ(c->triaged_by, "amy");
                EXPECT_EQ(c->triaged_at, At(120));
                EXPECT_EQ(c->triage_note, "noise");
                WARROOM_ASSIGN_OR_RETURN(auto a, tx.FindAlert(1));
                EXPECT_EQ(a->incident_id, "INC-1");
                EXPECT_EQ(a->triaged_by, "");
                EXPECT_FALSE(a->triaged_at);
                AlertFilter f;
                f.incident_id = "INC-1";
                f.group_key = "g1";
                WARROOM_ASSIGN_OR_RETURN(auto rows, tx.ListAlerts(f));
                EXPECT_EQ(rows.size(), 2u);
                AlertFilter d;
                d.disposition = Disposition::kDismissed;
                d.limit = 5;
                WARROOM_ASSIGN_OR_RETURN(auto dismissed, tx.ListAlerts(d));
                EXPECT_EQ(dismissed.size(), 1u);
                WARROOM_ASSIGN_OR_RETURN(auto counts, tx.CountFiringAlerts("INC-1", "am", "g2"));
                EXPECT_EQ(counts, (std::pair<std::int64_t, std::int64_t>{0, 1}));
                return Success();
              }).ok());
}

}  // namespace
}  // namespace warroom::store
