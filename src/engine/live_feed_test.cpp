// LiveFeed on the memory twin: it follows the log as changes are announced,
// holds the newest events for streams a little behind and reads the store
// for those further behind, carries each incident's audience as it is now
// (an incident restricted since hides its older events too), wakes its
// watchers and bounds streams per user.
#include "engine/live_feed.hpp"

#include <gtest/gtest.h>

#include "engine/engine_test_support.hpp"
#include "engine/incident_access.hpp"

namespace warroom::engine {
namespace {

namespace cmd = core::commands;
using core::Severity;

class LiveFeedTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    incidents_->SetChangeBus(&bus_);
  }

  std::vector<std::int64_t> Seqs(const std::vector<LiveEventPtr>& events) {
    std::vector<std::int64_t> out;
    for (const auto& e : events) out.push_back(e->event.global_seq);
    return out;
  }

  ChangeBus bus_;
};

TEST_F(LiveFeedTest, FollowsTheLogFromWhereItStartedAsChangesAreAnnounced) {
  std::string before = Declare(Severity::kP2);
  LiveFeed feed(store_, *incidents_);
  feed.Listen(bus_);
  ASSERT_TRUE(feed.Start().ok());
  std::int64_t start = feed.Head();
  EXPECT_GT(start, 0);
  EXPECT_TRUE(feed.After(start).events.empty());

  int woken = 0;
  int w = feed.Watch([&] { ++woken; });
  ASSERT_TRUE(Run(As("alice"), before, cmd::AddNote{core::NoteKind::kFinding, "cache cold"}).ok());
  EXPECT_GE(woken, 1);
  auto slice = feed.After(start);
  ASSERT_TRUE(slice.complete);
  ASSERT_EQ(slice.events.size(), 1u);
  EXPECT_EQ(slice.events[0]->event.global_seq, start + 1);
  EXPECT_EQ(slice.events[0]->event.incident_id, before);
  EXPECT_TRUE(std::holds_alternative<core::events::NoteAdded>(slice.events[0]->event.payload));
  EXPECT_EQ(feed.Head(), start + 1);

  feed.Unwatch(w);
  int before_woken = woken;
  Declare(Severity::kP3);
  EXPECT_EQ(woken, before_woken);  // no longer watching
  EXPECT_EQ(Seqs(feed.After(start).events), (std::vector<std::int64_t>{start + 1, start + 2}));
}

TEST_F(LiveFeedTest, AStreamFurtherBehindThanWhatIsHeldReadsTheStore) {
  LiveFeed feed(store_, *incidents_, /*keep=*/2);
  feed.Listen(bus_);
  ASSERT_TRUE(feed.Start().ok());
  std::string id = Declare(Severity::kP3);
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(Run(As("alice"), id, cmd::AddNote{core::NoteKind::kFinding, "n"}).ok());
  std::int64_t head = feed.Head();
  auto recent = feed.After(head - 2);
  EXPECT_TRUE(recent.complete);
  EXPECT_EQ(Seqs(recent.events), (std::vector<std::int64_t>{head - 1, head}));
  auto old = feed.After(head - 4);
  EXPECT_FALSE(old.complete);
  std::optional<Result<std::vector<LiveEventPtr>>> read;
  feed.Backfill(head - 4, 100, [&](Result<std::vector<LiveEventPtr>> r) { read = std::move(r); });
  ASSERT_TRUE(read && read->ok());
  EXPECT_EQ(Seqs(**read), (std::vector<std::int64_t>{head - 3, head - 2, head - 1, head}));
  read.reset();
  feed.Backfill(head - 4, 2, [&](Result<std::vector<LiveEventPtr>> r) { read = std::move(r); });
  ASSERT_TRUE(read && read->ok());
  EXPECT_EQ(Seqs(**read), (std::vector<std::int64_t>{head - 3, head - 2}));
}

TEST_F(LiveFeedTest, EachEventCarriesItsIncidentsAudienceAsItIsNow) {
  LiveFeed feed(store_, *incidents_);
  feed.Listen(bus_);
  ASSERT_TRUE(feed.Start().ok());
  std::int64_t start = feed.Head();
  std::string open = Declare(Severity::kP2);
  std::string secret = Declare(Severity::kP1, "alice", core::Visibility::kRestricted);
  for (const auto& e : feed.After(start).events) {
    bool restricted = e->event.incident_id == secret;
    EXPECT_EQ(CanSee(As("bob"), e->visibility, e->participants), !restricted);
    EXPECT_TRUE(CanSee(As("alice"), e->visibility, e->participants));
    EXPECT_TRUE(CanSee(Admin(), e->visibility, e->participants));
  }
  // Restricted since: what is held in memory, and what a stream far behind
  // reads from the store, show the declaration as restricted too.
  ASSERT_TRUE(Run(As("alice"), open,
                  cmd::ChangeVisibility{core::Visibility::kRestricted, "a security angle"})
                  .ok());
  int held = 0;
  for (const auto& e : feed.After(start).events)
    if (e->event.incident_id == open) {
      ++held;
      EXPECT_FALSE(CanSee(As("bob"), e->visibility, e->participants)) << e->event.global_seq;
    }
  EXPECT_GE(held, 2);
  std::optional<Result<std::vector<LiveEventPtr>>> read;
  feed.Backfill(start, 100, [&](Result<std::vector<LiveEventPtr>> r) { read = std::move(r); });
  ASSERT_TRUE(read && read->ok());
  ASSERT_FALSE((*read)->empty());
  for (const auto& e : **read) EXPECT_FALSE(CanSee(As("bob"), e->visibility, e->participants));
}

TEST_F(LiveFeedTest, AlertsAndUsersChangesAreCountedAndStopWakesEveryone) {
  LiveFeed feed(store_, *incidents_);
  feed.Listen(bus_);
  ASSERT_TRUE(feed.Start().ok());
  int woken = 0;
  feed.Watch([&] { ++woken; });
  auto s0 = feed.signals();
  bus_.Publish(ChangeKind::kAlerts);
  bus_.Publish(ChangeKind::kUsers);
  bus_.Publish(ChangeKind::kOutbox);  // nothing a stream shows
  auto s1 = feed.signals();
  EXPECT_EQ(s1.alerts, s0.alerts + 1);
  EXPECT_EQ(s1.users, s0.users + 1);
  EXPECT_EQ(woken, 2);
  EXPECT_FALSE(feed.stopped());
  feed.Stop();
  EXPECT_TRUE(feed.stopped());
  EXPECT_EQ(woken, 3);
}

TEST_F(LiveFeedTest, StreamsAreBoundedPerUser) {
  LiveFeed feed(store_, *incidents_);
  EXPECT_TRUE(feed.Admit("alice", 2));
  EXPECT_TRUE(feed.Admit("alice", 2));
  EXPECT_FALSE(feed.Admit("alice", 2));
  EXPECT_TRUE(feed.Admit("bob", 2));
  EXPECT_EQ(feed.OpenStreams(), 3);
  feed.Release("alice");
  EXPECT_TRUE(feed.Admit("alice", 2));
  feed.Release("nobody");  // never admitted: nothing changes
  EXPECT_EQ(feed.OpenStreams(), 3);
}

}  // namespace
}  // namespace warroom::engine
