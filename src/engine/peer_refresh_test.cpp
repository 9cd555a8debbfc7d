// The peer refresh module (a database other instances write too): an
// incident another instance changed is loaded at the next tick, but
// changes arriving faster than the gap are loaded together once the gap
// has passed, none of them dropped; this instance's own changes are not
// its business.
#include "engine/peer_refresh.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "engine/module_test_support.hpp"

namespace warroom::engine {
namespace {

using namespace std::chrono_literals;

class PeerRefreshTest : public testing::ModuleTest {
 protected:
  static constexpr auto kEvery = std::chrono::steady_clock::duration(10s);
  static constexpr auto kGap = std::chrono::steady_clock::duration(200ms);
  void SetUp() override {
    ModuleTest::SetUp();
    clocks_ = std::make_unique<ClockRunner>(*incidents_, clock_);
    dispatcher_ = std::make_unique<Dispatcher>(*store_, *incidents_, clock_,
                                               std::map<std::string, Destination>{});
    peers_ = std::make_unique<PeerRefresh>(*clocks_, *dispatcher_, kEvery, kGap);
  }
  void TearDown() override {
    peers_.reset();
    dispatcher_.reset();
    clocks_.reset();
    ModuleTest::TearDown();
  }
  // The real time the tick asks to wait at most before the next.
  std::chrono::steady_clock::duration Tick() {
    auto next = peers_->Tick(clock_->Now());
    EXPECT_TRUE(next.ok()) << next.error().message;
    return next.ok() && next->within ? *next->within : std::chrono::steady_clock::duration{};
  }
  void HeardFromPeer(const std::string& id) {
    peers_->Heard(Change{ChangeKind::kIncident, id, /*from_peer=*/true});
  }

  std::unique_ptr<ClockRunner> clocks_;
  std::unique_ptr<Dispatcher> dispatcher_;
  std::unique_ptr<PeerRefresh> peers_;
};

TEST_F(PeerRefreshTest, ChangesFasterThanTheGapAreLoadedTogetherOnceItHasPassed) {
  auto a = Declare(core::Severity::kP1);
  auto b = Declare(core::Severity::kP2);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(Tick(), kEvery);  // the first tick loads every open incident
  const auto scheduled = clocks_->scheduled();
  ASSERT_GE(scheduled, 2u);

  HeardFromPeer(a->state.id);
  EXPECT_EQ(Tick(), kEvery);  // loaded at once: nothing was loaded within the gap
  HeardFromPeer(b->state.id);
  HeardFromPeer(a->state.id);
  auto wait = Tick();  // too soon: deferred to the gap's end, not dropped
  EXPECT_GT(wait, std::chrono::steady_clock::duration{});
  EXPECT_LE(wait, kGap);
  std::this_thread::sleep_for(wait + 20ms);
  EXPECT_EQ(Tick(), kEvery);  // both loaded now
  EXPECT_EQ(clocks_->scheduled(), scheduled);
  EXPECT_EQ(Tick(), kEvery);  // nothing left to load
}

TEST_F(PeerRefreshTest, ThisInstancesOwnChangesAreNotItsBusiness) {
  auto a = Declare(core::Severity::kP1);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(Tick(), kEvery);
  HeardFromPeer(a->state.id);
  EXPECT_EQ(Tick(), kEvery);
  // Its own change, right after: were it counted, the tick would wait.
  peers_->Heard(Change{ChangeKind::kIncident, a->state.id, /*from_peer=*/false});
  EXPECT_EQ(Tick(), kEvery);
}

}  // namespace
}  // namespace warroom::engine
