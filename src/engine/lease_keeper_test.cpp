// The lease keeper on the memory twin: one of two instances holds the
// lease, a clean stop hands it over at once, a keeper whose writes go
// unanswered stops claiming it within half the ttl, and the paused module
// runner ticks nothing and refuses Advance until resumed.
#include "engine/lease_keeper.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "engine/module_runner.hpp"
#include "store/memory/memory_store.hpp"

namespace warroom::engine {
namespace {

using namespace std::chrono_literals;

LeaseKeeper::Options Fast() {
  LeaseKeeper::Options o;
  // Bounds far from what a loaded machine's scheduling delays reach.
  o.ttl = 2000ms;
  o.renew_every = 100ms;
  return o;
}

// Waits up to `limit` for `pred`.
template <typename Pred>
bool Eventually(Pred pred, std::chrono::milliseconds limit = 3000ms) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (pred()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return pred();
}

TEST(LeaseKeeperTest, OneOfTwoInstancesHoldsItAndAStopHandsItOverAtOnce) {
  store::memory::MemoryStore store;
  std::atomic<int> a_changes{0}, b_changes{0};
  LeaseKeeper a(store, "a", Fast(), [&](bool, std::int64_t) { ++a_changes; });
  LeaseKeeper b(store, "b", Fast(), [&](bool, std::int64_t) { ++b_changes; });
  a.Start();
  ASSERT_TRUE(Eventually([&] { return a.status().held; }));
  b.Start();
  ASSERT_TRUE(Eventually([&] { return b.status().holder == "a"; }));
  std::this_thread::sleep_for(400ms);  // several renewals: a keeps it, b never gets it
  EXPECT_TRUE(a.status().held);
  EXPECT_FALSE(b.status().held);
  EXPECT_EQ(b_changes.load(), 0);
  std::int64_t first = a.status().epoch;
  auto stopped = std::chrono::steady_clock::now();
  a.Stop();
  EXPECT_FALSE(a.status().held);
  ASSERT_TRUE(Eventually([&] { return b.status().held; }));
  // Released, not expired: b took over before the ttl ran out.
  EXPECT_LT(std::chrono::steady_clock::now() - stopped, 2000ms);
  EXPECT_EQ(b.status().epoch, first + 1);
  EXPECT_EQ(a_changes.load(), 2);  // held, then given up
  b.Stop();
}

// A store whose writes are never answered (a hung database).
class HungStore final : public store::Store {
 public:
  explicit HungStore(store::Store& inner) : inner_(inner) {}
  void WriteIn(Lane lane, store::WriteFn fn, store::DoneFn done) override {
    if (hung_) {
      std::lock_guard lock(mu_);
      parked_.push_back(std::move(done));  // answered at the end
      return;
    }
    inner_.WriteIn(lane, std::move(fn), std::move(done));
  }
  void SetLaneLimit(Lane lane, std::size_t limit) override { inner_.SetLaneLimit(lane, limit); }
  void Read(store::ReadFn fn, store::DoneFn done) override {
    inner_.Read(std::move(fn), std::move(done));
  }
  void Close() override {
    std::vector<store::DoneFn> parked;
    {
      std::lock_guard lock(mu_);
      parked.swap(parked_);
    }
    for (auto& d : parked) d(Error::Unavailable("closed"));
  }
  std::atomic<bool> hung_{false};

 private:
  store::Store& inner_;
  std::mutex mu_;
  std::vector<store::DoneFn> parked_;
};

TEST(LeaseKeeperTest, AHolderWhoseRenewalsGoUnansweredStopsWithinHalfTheTtl) {
  store::memory::MemoryStore memory;
  HungStore store(memory);
  std::atomic<bool> held{false};
  LeaseKeeper a(store, "a", Fast(), [&](bool h, std::int64_t) { held = h; });
  a.Start();
  ASSERT_TRUE(Eventually([&] { return held.load(); }));
  store.hung_ = true;
  auto hung = std::chrono::steady_clock::now();
  ASSERT_TRUE(Eventually([&] { return !held.load(); }));
  // Before the lease itself expires (the ttl after the last renewal).
  EXPECT_LT(std::chrono::steady_clock::now() - hung, 2000ms);
  EXPECT_FALSE(a.status().held);
  // The hung write fails at last (as the store's retry bound answers it);
  // answered again, it holds it again (its own expired lease).
  store.hung_ = false;
  store.Close();
  ASSERT_TRUE(Eventually([&] { return held.load(); }));
  a.Stop();
}

class Counter final : public Module {
 public:
  std::string_view Name() const override { return "counter"; }
  Result<NextTick> Tick(TimePoint) override {
    ++ticks;
    return NextTick::WhenWoken().OrWithin(10ms);
  }
  std::atomic<int> ticks{0};
};

TEST(LeaseKeeperTest, APausedRunnerTicksNothingAndRefusesAdvanceUntilResumed) {
  auto clock = std::make_shared<SimulatedClock>(ParseTime("2026-02-12T14:00:00Z").value());
  Counter m;  // outlives the runner
  ModuleRunner runner(clock);
  runner.Add(m);
  runner.SetPaused(true);
  runner.Start();
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(m.ticks.load(), 0);
  std::promise<Result<TimePoint>> p;
  runner.Advance(std::chrono::minutes(1), [&](Result<TimePoint> r) { p.set_value(std::move(r)); });
  auto advanced = p.get_future().get();
  ASSERT_FALSE(advanced.ok());
  EXPECT_EQ(advanced.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(advanced.error().message.find("/readyz"), std::string::npos);
  runner.SetPaused(false);
  ASSERT_TRUE(Eventually([&] { return m.ticks.load() > 0; }));
  runner.SetPaused(true);
  std::this_thread::sleep_for(50ms);  // a tick under way finishes
  int at_pause = m.ticks.load();
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(m.ticks.load(), at_pause);
  runner.Stop();
}

}  // namespace
}  // namespace warroom::engine
