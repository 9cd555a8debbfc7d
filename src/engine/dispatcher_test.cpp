// The dispatcher as a module under the runner, on a simulated clock and a
// SQLite store in a temporary directory, delivering through a fake channel:
// deliveries and their events, Retry-After honoured on simulated time, dead
// letters after the last attempt, a channel that throws.
#include "engine/dispatcher.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/module_runner.hpp"
#include "engine/module_test_support.hpp"
#include "engine/notifier.hpp"

namespace warroom::engine {
namespace {

using namespace std::chrono_literals;
using testing::AdvanceBy;
using testing::Eventually;
using O = DeliveryResult::Outcome;

// Answers every delivery with `answer` (or throws), keeping what it was given.
class FakeChannel final : public Channel {
 public:
  explicit FakeChannel(std::function<DeliveryResult()> answer) : answer_(std::move(answer)) {}
  DeliveryResult Deliver(const store::OutboxMessage& m) override {
    {
      std::lock_guard lock(mu_);
      got_.push_back(m);
    }
    return answer_();
  }
  std::size_t count() const {
    std::lock_guard lock(mu_);
    return got_.size();
  }
  std::vector<store::OutboxMessage> got() const {
    std::lock_guard lock(mu_);
    return got_;
  }

 private:
  std::function<DeliveryResult()> answer_;
  mutable std::mutex mu_;
  std::vector<store::OutboxMessage> got_;
};

class DispatcherTest : public testing::ModuleTest {
 protected:
  void Start(std::function<DeliveryResult()> answer, int max_attempts = 8, double rate = 0) {
    channel_ = std::make_shared<FakeChannel>(std::move(answer));
    Routing routing;
    routing.routes["internal"] = {"fake"};
    routing.routes["pages"] = {"fake"};
    notifier_ = std::make_unique<Notifier>(routing, nullptr);
    dispatcher_ = std::make_unique<Dispatcher>(
        *store_, *incidents_, clock_,
        std::map<std::string, Destination>{{"fake", Destination{channel_, max_attempts, rate}}});
    incidents_->SetNotifier(notifier_.get(), [this] { dispatcher_->Wake(); });
    if (before_start_) before_start_(*dispatcher_);
    runner_ = std::make_unique<ModuleRunner>(clock_);
    runner_->Add(*dispatcher_);
    dispatcher_->Start();
    runner_->Start();
  }
  void TearDown() override {
    if (runner_) runner_->Stop();
    if (dispatcher_) dispatcher_->Stop();
    ModuleTest::TearDown();
  }
  std::size_t Count(const std::string& id, const std::string& type) {
    auto t = EventTypes(id);
    return static_cast<std::size_t>(std::count(t.begin(), t.end(), type));
  }

  // Set before Start: configures the dispatcher before it starts.
  std::function<void(Dispatcher&)> before_start_;
  std::shared_ptr<FakeChannel> channel_;
  std::unique_ptr<Notifier> notifier_;
  std::unique_ptr<Dispatcher> dispatcher_;
  std::unique_ptr<ModuleRunner> runner_;
};

TEST_F(DispatcherTest, ADeclaredP1IsDeliveredToTheChannelAndPageAndRecordedOnTheTimeline) {
  Start([] { return DeliveryResult::Of(O::kDelivered, "HTTP 200", 200); });
  auto p1 = Declare(core::Severity::kP1);
  ASSERT_TRUE(p1.ok()) << p1.error().message;
  ASSERT_TRUE(Eventually([&] { return Count(p1->state.id, "message_delivered") == 2; }));
  EXPECT_EQ(channel_->count(), 2u);
  // Counted in the write's callback, just after its events became visible.
  EXPECT_TRUE(Eventually([&] { return dispatcher_->delivered() == 2u; }))
      << dispatcher_->delivered();
  for (const auto& m : Outbox()) {
    EXPECT_EQ(m.state, store::OutboxState::kDelivered);
    EXPECT_EQ(m.attempts, 1);
  }
}

TEST_F(DispatcherTest, RetryAfterIsHonouredOnSimulatedTime) {
  std::atomic<int> calls{0};
  Start([&] {
    if (++calls <= 2) {
      auto r = DeliveryResult::Of(O::kRetry, "HTTP 429", 429);
      r.retry_after = Duration(60s);
      return r;
    }
    return DeliveryResult::Of(O::kDelivered, "HTTP 200", 200);
  });
  auto p1 = Declare(core::Severity::kP1);
  ASSERT_TRUE(p1.ok());
  ASSERT_TRUE(Eventually([&] {
    auto out = Outbox();
    return out.size() == 2 &&
           std::all_of(out.begin(), out.end(), [](const auto& m) { return m.attempts == 1; });
  }));
  ASSERT_TRUE(AdvanceBy(*runner_, 30s).ok());
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(channel_->count(), 2u) << "not before Retry-After";
  ASSERT_TRUE(AdvanceBy(*runner_, 31s).ok());
  ASSERT_TRUE(Eventually([&] { return Count(p1->state.id, "message_delivered") == 2; }));
  EXPECT_EQ(channel_->count(), 4u);
}

TEST_F(DispatcherTest, AMessageIsDeadLetteredAfterItsLastAttempt) {
  Start([] { return DeliveryResult::Of(O::kRetry, "HTTP 503", 503); }, 2);
  auto p1 = Declare(core::Severity::kP1);
  ASSERT_TRUE(p1.ok());
  ASSERT_TRUE(Eventually([&] { return channel_->count() == 2; }));
  ASSERT_TRUE(Eventually([&] {
    auto out = Outbox();
    return std::all_of(out.begin(), out.end(), [](const auto& m) { return m.attempts == 1; });
  }));
  ASSERT_TRUE(AdvanceBy(*runner_, 10min).ok());
  ASSERT_TRUE(Eventually([&] { return Count(p1->state.id, "message_dead_lettered") == 2; }));
  EXPECT_EQ(channel_->count(), 4u);
  for (const auto& m : Outbox()) EXPECT_EQ(m.state, store::OutboxState::kDead);
}

TEST_F(DispatcherTest, AChannelThatThrowsIsRetriedNotFatal) {
  std::atomic<int> calls{0};
  Start([&]() -> DeliveryResult {
    if (++calls <= 2) throw std::runtime_error("socket gone");
    return DeliveryResult::Of(O::kDelivered, "HTTP 200", 200);
  });
  auto p1 = Declare(core::Severity::kP1);
  ASSERT_TRUE(p1.ok());
  ASSERT_TRUE(Eventually([&] { return channel_->count() == 2; }));
  ASSERT_TRUE(Eventually([&] {
    auto out = Outbox();
    return std::all_of(out.begin(), out.end(), [](const auto& m) {
      return m.attempts == 1 && m.last_error.find("socket gone") != std::string::npos;
    });
  }));
  ASSERT_TRUE(AdvanceBy(*runner_, 5s).ok());
  ASSERT_TRUE(Eventually([&] { return Count(p1->state.id, "message_delivered") == 2; }));
}

TEST_F(DispatcherTest, MessagesQueuedForARateLimitedDestinationWhileItWaitsGoOutTogether) {
  Start([] { return DeliveryResult::Of(O::kDelivered, "HTTP 200", 200); }, 8, 5);
  // Six notices committed one by one, each waking the dispatcher: the first
  // goes at once, the rest wait their turn (one every 200 ms) and coalesce.
  for (int i = 0; i < 6; ++i) {
    store::OutboxMessage m;
    m.destination = "fake";
    m.kind = store::OutboxKind::kMessage;
    m.audience = core::Audience::kInternal;
    m.body = "notice " + std::to_string(i);
    m.idempotency_key = "notice-" + std::to_string(i);
    m.created_at = m.next_attempt_at = clock_->Now();
    ASSERT_TRUE(store_->WriteSync([&](store::WriteTx& tx) { return tx.InsertOutbox(m); }).ok());
    dispatcher_->Wake();
    std::this_thread::sleep_for(10ms);
  }
  ASSERT_TRUE(Eventually([&] { return dispatcher_->delivered() == 6; }));
  auto got = channel_->got();
  EXPECT_LT(got.size(), 6u) << "coalesced";
  std::string all;
  for (const auto& m : got) all += m.body + "\n";
  for (int i = 0; i < 6; ++i) EXPECT_NE(all.find("notice " + std::to_string(i)), std::string::npos);
}

// A delivery still under way when its lease runs out (here: simulated time
// moved past it) is claimed again by the next tick; the dispatcher that
// holds it does not deliver it a second time.
TEST_F(DispatcherTest, AMessageStillBeingDeliveredIsNotDeliveredAgainWhenItsLeaseRunsOut) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> calls{0};
  Start([&] {
    if (++calls == 1) released.wait();  // the first delivery hangs until the test lets it go
    return DeliveryResult::Of(O::kDelivered, "HTTP 200", 200);
  });
  store::OutboxMessage m;
  m.destination = "fake";
  m.kind = store::OutboxKind::kMessage;
  m.audience = core::Audience::kInternal;
  m.body = "slow";
  m.idempotency_key = "slow-1";
  m.created_at = m.next_attempt_at = clock_->Now();
  ASSERT_TRUE(store_->WriteSync([&](store::WriteTx& tx) { return tx.InsertOutbox(m); }).ok());
  dispatcher_->Wake();
  ASSERT_TRUE(Eventually([&] { return channel_->count() == 1; }));
  ASSERT_TRUE(AdvanceBy(*runner_, delivery::kLease + 1min).ok());  // the lease runs out
  dispatcher_->Wake();
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(channel_->count(), 1u) << "delivered again while the first delivery was under way";
  release.set_value();
  ASSERT_TRUE(Eventually([&] { return dispatcher_->delivered() == 1; }));
  auto out = Outbox();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].state, store::OutboxState::kDelivered);
  EXPECT_EQ(out[0].attempts, 1);
  EXPECT_EQ(channel_->count(), 1u);
}

store::OutboxMessage Message(const std::string& key, TimePoint now) {
  store::OutboxMessage m;
  m.destination = "fake";
  m.kind = store::OutboxKind::kMessage;
  m.audience = core::Audience::kInternal;
  m.body = key;
  m.idempotency_key = key;
  m.created_at = m.next_attempt_at = now;
  return m;
}

TEST_F(DispatcherTest, NothingIsSentWhileTheSendGateIsClosedAndTheClaimRunsOutForTheHolder) {
  std::atomic<bool> holding{false};
  before_start_ = [&](Dispatcher& d) { d.SetSendGate([&] { return holding.load(); }); };
  Start([] { return DeliveryResult::Of(O::kDelivered, "HTTP 200", 200); });
  auto m = Message("gated-1", clock_->Now());
  ASSERT_TRUE(store_->WriteSync([&](store::WriteTx& tx) { return tx.InsertOutbox(m); }).ok());
  dispatcher_->Wake();
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(channel_->count(), 0u) << "sent without holding the lease";
  EXPECT_EQ(Outbox()[0].state, store::OutboxState::kPending);
  EXPECT_EQ(Outbox()[0].attempts, 0);  // dropped unsent, no attempt recorded
  // Holding again, it is sent once its claim has run out.
  holding = true;
  ASSERT_TRUE(AdvanceBy(*runner_, delivery::kLease + 1s).ok());
  dispatcher_->Wake();
  ASSERT_TRUE(Eventually([&] { return dispatcher_->delivered() == 1; }));
  EXPECT_EQ(channel_->count(), 1u);
}

TEST_F(DispatcherTest, AClaimLastsTheClaimLeaseItWasGiven) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  before_start_ = [](Dispatcher& d) { d.SetClaimLease(8s); };
  Start([&] {
    released.wait();
    return DeliveryResult::Of(O::kDelivered, "HTTP 200", 200);
  });
  TimePoint claimed_at = clock_->Now();
  auto m = Message("short-1", claimed_at);
  ASSERT_TRUE(store_->WriteSync([&](store::WriteTx& tx) { return tx.InsertOutbox(m); }).ok());
  dispatcher_->Wake();
  ASSERT_TRUE(Eventually([&] { return channel_->count() == 1; }));
  std::optional<TimePoint> due;
  ASSERT_TRUE(store_
                  ->ReadSync([&](store::ReadTx& tx) -> Outcome {
                    WARROOM_ASSIGN_OR_RETURN(due, tx.NextOutboxDue(store::OutboxLane::kIncidents));
                    return Success();
                  })
                  .ok());
  ASSERT_TRUE(due);
  EXPECT_EQ(*due, claimed_at + 8s);  // not the default two minutes
  release.set_value();
  ASSERT_TRUE(Eventually([&] { return dispatcher_->delivered() == 1; }));
}

}  // namespace
}  // namespace warroom::engine
