// The module runner on a simulated clock with fake modules: first ticks,
// due order, next-due scheduling through Advance, wake-ups, real-time
// bounds, failure isolation and stopping.
#include "engine/module_runner.hpp"

#include <gtest/gtest.h>

#include <future>
#include <string>
#include <thread>
#include <vector>

namespace warroom::engine {
namespace {

using namespace std::chrono_literals;

const TimePoint kStart = ParseTime("2026-02-12T14:00:00Z").value();

// What every fake module ticked, in order: "name@seconds-since-start".
class Log {
 public:
  void Add(std::string s) {
    std::lock_guard lock(mu_);
    lines_.push_back(std::move(s));
  }
  std::vector<std::string> Lines() const {
    std::lock_guard lock(mu_);
    return lines_;
  }
  std::size_t Count(const std::string& s) const {
    auto l = Lines();
    return static_cast<std::size_t>(std::count(l.begin(), l.end(), s));
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
};

// A module whose answer each tick is given by `next` (called with `now`).
class FakeModule final : public Module {
 public:
  FakeModule(std::string name, Log& log, std::function<Result<NextTick>(TimePoint)> next)
      : name_(std::move(name)), log_(log), next_(std::move(next)) {}
  std::string_view Name() const override { return name_; }
  Result<NextTick> Tick(TimePoint now) override {
    auto secs = std::chrono::duration_cast<std::chrono::seconds>(now - kStart).count();
    log_.Add(name_ + "@" + std::to_string(secs));
    return next_(now);
  }

 private:
  std::string name_;
  Log& log_;
  std::function<Result<NextTick>(TimePoint)> next_;
};

NextTick Woken(TimePoint) { return NextTick::WhenWoken(); }

// Waits (real time) until `pred` holds; false after two seconds.
bool Eventually(const std::function<bool()>& pred) {
  for (int i = 0; i < 400; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return pred();
}

Result<TimePoint> AdvanceBy(ModuleRunner& runner, Duration by) {
  std::promise<Result<TimePoint>> p;
  runner.Advance(by, [&p](Result<TimePoint> r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

class ModuleRunnerTest : public ::testing::Test {
 protected:
  std::shared_ptr<SimulatedClock> clock_ = std::make_shared<SimulatedClock>(kStart);
  Log log_;
};

TEST_F(ModuleRunnerTest, EveryModuleTicksOnceAtStartInTheOrderAdded) {
  FakeModule a("a", log_, Woken), b("b", log_, Woken);
  ModuleRunner runner(clock_);
  runner.Add(a);
  runner.Add(b);
  runner.Start();
  ASSERT_TRUE(Eventually([&] { return log_.Lines().size() == 2; }));
  EXPECT_EQ(log_.Lines(), (std::vector<std::string>{"a@0", "b@0"}));
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(log_.Lines().size(), 2u) << "nothing ticks again until woken or due";
}

TEST_F(ModuleRunnerTest, AdvanceTicksEachModuleAtItsDueTimeInDueOrder) {
  // "late" asks for +20 s, then +40 s; "early" for +10 s, then when woken.
  FakeModule late("late", log_, [](TimePoint now) {
    return NextTick::At(now < kStart + 20s ? kStart + 20s : kStart + 40s);
  });
  FakeModule early("early", log_, [](TimePoint now) {
    return now < kStart + 10s ? NextTick::At(kStart + 10s) : NextTick::WhenWoken();
  });
  ModuleRunner runner(clock_);
  runner.Add(late);
  runner.Add(early);
  runner.Start();
  ASSERT_TRUE(Eventually([&] { return log_.Lines().size() == 2; }));
  auto r = AdvanceBy(runner, 30s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, kStart + 30s);
  EXPECT_EQ(clock_->Now(), kStart + 30s);
  EXPECT_EQ(log_.Lines(), (std::vector<std::string>{"late@0", "early@0", "early@10", "late@20"}));
}

TEST_F(ModuleRunnerTest, ADueTimeExactlyAtTheTargetRunsAndOneBeyondItWaits) {
  FakeModule m("m", log_, [](TimePoint) { return NextTick::At(kStart + 5s); });
  ModuleRunner runner(clock_);
  runner.Add(m);
  runner.Start();
  ASSERT_TRUE(Eventually([&] { return log_.Lines().size() == 1; }));
  ASSERT_TRUE(AdvanceBy(runner, 4s).ok());
  EXPECT_EQ(log_.Count("m@5"), 0u);
  ASSERT_TRUE(AdvanceBy(runner, 1s).ok());
  EXPECT_GE(log_.Count("m@5"), 1u);
}

TEST_F(ModuleRunnerTest, AWokenModuleTicksSoonAndOthersDoNot) {
  FakeModule a("a", log_, Woken), b("b", log_, Woken);
  ModuleRunner runner(clock_);
  runner.Add(a);
  runner.Add(b);
  runner.Start();
  ASSERT_TRUE(Eventually([&] { return log_.Lines().size() == 2; }));
  clock_->Advance(3s);  // moved without the runner: nothing is due anyway
  b.Wake();
  ASSERT_TRUE(Eventually([&] { return log_.Count("b@3") == 1; }));
  EXPECT_EQ(log_.Count("a@3"), 0u);
}

TEST_F(ModuleRunnerTest, AWakeDuringAnAdvanceTicksTheWokenModuleAtThatInstant) {
  FakeModule listener("listener", log_, Woken);
  // At +10 s the "source" commits something that makes the listener's work due.
  FakeModule source("source", log_, [&listener](TimePoint now) {
    if (now == kStart + 10s) listener.Wake();
    return now < kStart + 10s ? NextTick::At(kStart + 10s) : NextTick::WhenWoken();
  });
  ModuleRunner runner(clock_);
  runner.Add(source);
  runner.Add(listener);
  runner.Start();
  ASSERT_TRUE(Eventually([&] { return log_.Lines().size() == 2; }));
  ASSERT_TRUE(AdvanceBy(runner, 60s).ok());
  EXPECT_EQ(log_.Lines(),
            (std::vector<std::string>{"source@0", "listener@0", "source@10", "listener@10"}));
}

TEST_F(ModuleRunnerTest, ARealTimeBoundTicksAModuleOnASimulatedClockWithoutAnAdvance) {
  FakeModule m("m", log_, [](TimePoint) { return NextTick::WhenWoken().OrWithin(20ms); });
  ModuleRunner runner(clock_);
  runner.Add(m);
  runner.Start();
  EXPECT_TRUE(Eventually([&] { return log_.Count("m@0") >= 3; }));
}

TEST_F(ModuleRunnerTest, AFailingModuleIsRetriedAndTheOthersRunOn) {
  std::atomic<int> failures{0};
  FakeModule bad("bad", log_, [&](TimePoint) -> Result<NextTick> {
    ++failures;
    return Error::Unavailable("the store is busy");
  });
  FakeModule thrower("thrower", log_,
                     [](TimePoint) -> Result<NextTick> { throw std::runtime_error("boom"); });
  FakeModule good("good", log_, [](TimePoint now) { return NextTick::At(now + 1s); });
  ModuleRunner runner(clock_, 10ms);
  runner.Add(bad);
  runner.Add(thrower);
  runner.Add(good);
  runner.Start();
  EXPECT_TRUE(Eventually([&] { return failures.load() >= 3; })) << "retried after the delay";
  EXPECT_GE(log_.Count("thrower@0"), 2u);
  ASSERT_TRUE(AdvanceBy(runner, 2s).ok());
  EXPECT_EQ(log_.Count("good@1"), 1u);
  EXPECT_EQ(log_.Count("good@2"), 1u);
}

TEST_F(ModuleRunnerTest, StopEndsTickingAndRefusesAdvances) {
  FakeModule m("m", log_, Woken);
  ModuleRunner runner(clock_);
  runner.Add(m);
  runner.Start();
  ASSERT_TRUE(Eventually([&] { return log_.Lines().size() == 1; }));
  runner.Stop();
  m.Wake();  // detached: does nothing
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(log_.Lines().size(), 1u);
  auto r = AdvanceBy(runner, 1s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  runner.Stop();  // twice is fine
}

TEST_F(ModuleRunnerTest, AdvanceIsRefusedOnRealTimeAndBackwards) {
  ModuleRunner real(std::make_shared<SystemClock>());
  auto r = AdvanceBy(real, 1s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  ModuleRunner sim(clock_);
  sim.Start();
  auto back = AdvanceBy(sim, -1s);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(ModuleRunnerTest, OnRealTimeAModuleTicksWhenItsDueTimeComes) {
  auto real = std::make_shared<SystemClock>();
  std::atomic<int> n{0};
  FakeModule m("m", log_, [&](TimePoint now) {
    ++n;
    return NextTick::At(now + std::chrono::duration_cast<Duration>(20ms));
  });
  ModuleRunner runner(real);
  runner.Add(m);
  runner.Start();
  EXPECT_TRUE(Eventually([&] { return n.load() >= 4; }));
}

}  // namespace
}  // namespace warroom::engine

namespace warroom::engine {
namespace {

Result<TimePoint> AdvanceTo(ModuleRunner& runner, TimePoint to) {
  std::promise<Result<TimePoint>> p;
  runner.AdvanceTo(to, [&p](Result<TimePoint> r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

// The time keeper (the database, for every instance) hears of each stop of
// an Advance before what is due there ticks.
TEST_F(ModuleRunnerTest, TheTimeKeeperHearsEachStopBeforeItsModulesTick) {
  FakeModule m("m", log_, [](TimePoint now) {
    return now < kStart + 10s ? NextTick::At(kStart + 10s) : NextTick::WhenWoken();
  });
  ModuleRunner runner(clock_);
  runner.SetTimeKeeper([this](TimePoint t) {
    log_.Add("keep@" +
             std::to_string(std::chrono::duration_cast<std::chrono::seconds>(t - kStart).count()));
    return Success();
  });
  runner.Add(m);
  runner.Start();
  ASSERT_TRUE(Eventually([&] { return log_.Lines().size() == 1; }));
  ASSERT_TRUE(AdvanceBy(runner, 30s).ok());
  EXPECT_EQ(log_.Lines(), (std::vector<std::string>{"m@0", "keep@10", "m@10", "keep@30"}));
}

TEST_F(ModuleRunnerTest, AKeeperThatFailsEndsTheAdvanceWhereTimeWasKept) {
  FakeModule m("m", log_, [](TimePoint) { return NextTick::At(kStart + 10s); });
  ModuleRunner runner(clock_);
  runner.SetTimeKeeper([](TimePoint t) -> Outcome {
    if (t > kStart + 10s) return Error::Unavailable("the database is unreachable");
    return Success();
  });
  runner.Add(m);
  runner.Start();
  ASSERT_TRUE(Eventually([&] { return log_.Lines().size() == 1; }));
  auto r = AdvanceBy(runner, 30s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(clock_->Now(), kStart + 10s);
}

// An instance that does not run the modules keeps the new time for the
// holder (and moves its own clock); without a keeper it refuses.
TEST_F(ModuleRunnerTest, APausedRunnerKeepsTheTimeAndTicksNothing) {
  FakeModule m("m", log_, [](TimePoint) { return NextTick::At(kStart + 5s); });
  ModuleRunner runner(clock_);
  std::vector<TimePoint> kept;
  runner.Add(m);
  runner.SetPaused(true);
  runner.Start();
  auto refused = AdvanceBy(runner, 10s);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(clock_->Now(), kStart);

  ModuleRunner keeping(clock_);
  keeping.SetTimeKeeper([&kept](TimePoint t) {
    kept.push_back(t);
    return Success();
  });
  keeping.Add(m);
  keeping.SetPaused(true);
  keeping.Start();
  auto r = AdvanceBy(keeping, 10s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, kStart + 10s);
  EXPECT_EQ(kept, std::vector<TimePoint>{kStart + 10s});
  EXPECT_EQ(clock_->Now(), kStart + 10s);
  EXPECT_TRUE(log_.Lines().empty()) << "a paused runner ticks nothing";
}

// Catching up with the time another instance kept: to it, ticking what is
// due on the way; never back.
TEST_F(ModuleRunnerTest, AdvanceToCatchesUpAndNeverGoesBack) {
  FakeModule m("m", log_, [](TimePoint now) {
    return now < kStart + 5s ? NextTick::At(kStart + 5s) : NextTick::WhenWoken();
  });
  ModuleRunner runner(clock_);
  runner.Add(m);
  runner.Start();
  ASSERT_TRUE(Eventually([&] { return log_.Lines().size() == 1; }));
  auto r = AdvanceTo(runner, kStart + 8s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, kStart + 8s);
  EXPECT_EQ(log_.Count("m@5"), 1u);
  r = AdvanceTo(runner, kStart + 2s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, kStart + 8s);
  EXPECT_EQ(clock_->Now(), kStart + 8s);
}

}  // namespace
}  // namespace warroom::engine
