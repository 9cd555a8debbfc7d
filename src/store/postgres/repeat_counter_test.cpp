// The repeats of firing alerts counted for one transaction: one pending
// count per alert, a rolled-back write's counts dropped, and the kept
// writes' counts taken inside a write that is then rolled back pending
// again (they were written inside its savepoint).
#include "store/postgres/repeat_counter.hpp"

#include <gtest/gtest.h>

namespace warroom::store::postgres {
namespace {

TimePoint At(int s) { return FromMicros(std::int64_t{s} * 1'000'000); }

TEST(RepeatCounter, RepeatsOfOneAlertAreOneCountWithTheLatestTimeAndText) {
  RepeatCounter c;
  c.BeginWrite();
  c.Count(7, At(20), "{\"a\":\"2\"}", "second");
  c.Count(7, At(10), "{\"a\":\"3\"}", "third");  // an older time, counted later
  c.Count(9, At(5), "{}", "other");
  c.EndWrite(true);
  c.BeginWrite();
  c.Count(7, At(15), "{\"a\":\"4\"}", "fourth");
  c.EndWrite(true);
  auto got = c.Take();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].id, 7);
  EXPECT_EQ(got[0].count, 3);
  EXPECT_EQ(got[0].last_seen, At(20));
  EXPECT_EQ(got[0].annotations, "{\"a\":\"4\"}");
  EXPECT_EQ(got[0].summary, "fourth");
  EXPECT_EQ(got[1].id, 9);
  EXPECT_EQ(got[1].count, 1);
  EXPECT_TRUE(c.Take().empty());
}

TEST(RepeatCounter, ARolledBackWritesCountsAndLookupsAreDropped) {
  RepeatCounter c;
  c.BeginWrite();
  c.Remember("k1", 7);
  c.Count(7, At(1), "", "kept");
  c.EndWrite(true);
  c.BeginWrite();
  c.Remember("k2", 8);  // may be an alert this write inserted
  c.Count(7, At(2), "", "dropped");
  c.Count(8, At(2), "", "dropped");
  c.EndWrite(false);
  EXPECT_FALSE(c.Find("k2"));
  auto got = c.Take();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].id, 7);
  EXPECT_EQ(got[0].count, 1);
  EXPECT_EQ(got[0].summary, "kept");
}

TEST(RepeatCounter, KeptCountsTakenInsideAWriteThatRollsBackArePendingAgain) {
  RepeatCounter c;
  c.BeginWrite();
  c.Count(7, At(1), "", "first");
  c.EndWrite(true);
  c.BeginWrite();
  c.Count(8, At(2), "", "this write's");
  // Another statement on the alerts table: everything pending is written,
  // inside this write's savepoint.
  auto written = c.Take();
  EXPECT_EQ(written.size(), 2u);
  c.Count(7, At(3), "", "after the take");
  c.EndWrite(false);  // rolled back to the savepoint: the take is undone
  auto again = c.Take();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].id, 7);
  EXPECT_EQ(again[0].count, 1);
  EXPECT_EQ(again[0].summary, "first");
}

TEST(RepeatCounter, KeptCountsTakenInsideAKeptWriteAreNotWrittenTwice) {
  RepeatCounter c;
  c.BeginWrite();
  c.Count(7, At(1), "", "first");
  c.EndWrite(true);
  c.BeginWrite();
  EXPECT_EQ(c.Take().size(), 1u);
  c.Count(7, At(2), "", "second");
  c.EndWrite(true);
  auto rest = c.Take();
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].count, 1);
  EXPECT_EQ(rest[0].summary, "second");
}

TEST(RepeatCounter, LookupsLastUntilATakeOrTheEnd) {
  RepeatCounter c;
  c.BeginWrite();
  c.Remember("k", 7);
  c.EndWrite(true);
  c.BeginWrite();
  EXPECT_EQ(c.Find("k"), std::optional<std::int64_t>(7));
  (void)c.Take();
  EXPECT_FALSE(c.Find("k"));
  c.Remember("k", 7);
  c.EndWrite(true);
  c.Clear();
  EXPECT_FALSE(c.Find("k"));
  EXPECT_TRUE(c.Take().empty());
}

}  // namespace
}  // namespace warroom::store::postgres
