#include "engine/dispatcher.hpp"

#include "engine/reply.hpp"

#include <spdlog/spdlog.h>

#include <future>

namespace warroom::engine {

using Outcome_ = DeliveryResult::Outcome;

Duration Backoff(int attempt, std::optional<Duration> retry_after, std::mt19937_64& rng) {
  Duration cap = std::chrono::duration_cast<Duration>(delivery::kBackoffCap);
  Duration d = std::chrono::duration_cast<Duration>(delivery::kBackoffBase);
  for (int i = 1; i < attempt && d < cap; ++i) d *= 2;
  d = std::min(d, cap);
  std::uniform_real_distribution<double> jitter(0.5, 1.0);
  d = Duration(static_cast<Duration::rep>(static_cast<double>(d.count()) * jitter(rng)));
  if (retry_after && *retry_after > d) d = *retry_after;
  return d;
}

Dispatcher::Dispatcher(store::Store& store, IncidentService& incidents,
                       std::shared_ptr<const Clock> clock,
                       std::map<std::string, Destination> destinations)
    : store_(store),
      incidents_(incidents),
      clock_(std::move(clock)),
      destinations_(std::move(destinations)) {}

Dispatcher::~Dispatcher() { Stop(); }

void Dispatcher::Start(bool sole) {
  if (sole) {
    auto r = store_.WriteSync([](store::WriteTx& tx) { return tx.ReleaseOutboxLeases(); });
    if (!r.ok()) spdlog::warn("outbox: releasing old leases failed: {}", r.error().message);
  }
  std::lock_guard lock(mu_);
  if (!workers_.empty()) return;
  stop_ = false;
  for (int i = 0; i < delivery::kWorkers; ++i) workers_.emplace_back([this] { Loop(); });
}

void Dispatcher::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& w : workers_)
    if (w.joinable()) w.join();
  workers_.clear();
}

void Dispatcher::Wake() {
  {
    std::lock_guard lock(mu_);
    ++wakes_;
  }
  cv_.notify_all();
}

int Dispatcher::RunOnce() {
  TimePoint now = clock_->Now();
  std::vector<store::OutboxMessage> claimed;
  auto r = store_.WriteSync([&](store::WriteTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(
        claimed, tx.ClaimOutbox(now, now + std::chrono::duration_cast<Duration>(delivery::kLease),
                                delivery::kClaimBatch));
    return Success();
  });
  if (!r.ok()) {
    spdlog::warn("outbox claim failed: {}", r.error().message);
    return 0;
  }
  // Bursts to a rate-limited channel coalesce: the messages claimed together
  // for it go out as one (each keeps its own attempt and outcome).
  std::map<std::string, std::vector<store::OutboxMessage>> bursts;
  for (auto& m : claimed) {
    auto d = destinations_.find(m.destination);
    bool coalescible = d != destinations_.end() && d->second.rate_per_second > 0 &&
                       m.recipient.empty() && m.kind != "page" && m.kind != "escalation" &&
                       m.kind != "war-room";
    if (coalescible) {
      bursts[m.destination].push_back(std::move(m));
    } else {
      Deliver(m);
    }
  }
  for (auto& [dest, burst] : bursts) {
    if (burst.size() == 1) {
      Deliver(burst.front());
    } else {
      DeliverTogether(burst);
    }
  }
  return static_cast<int>(claimed.size());
}

void Dispatcher::Throttle(const std::string& destination) {
  auto it = destinations_.find(destination);
  if (it == destinations_.end() || it->second.rate_per_second <= 0) return;
  auto gap = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(1.0 / it->second.rate_per_second));
  std::chrono::steady_clock::time_point slot;
  {
    std::lock_guard lock(rate_mu_);
    auto now = std::chrono::steady_clock::now();
    auto& next = next_slot_[destination];
    slot = std::max(now, next);
    next = slot + gap;
  }
  std::this_thread::sleep_until(slot);
}

void Dispatcher::Deliver(const store::OutboxMessage& m) {
  TimePoint started = clock_->Now();
  DeliveryResult r;
  auto it = destinations_.find(m.destination);
  if (it == destinations_.end() || !it->second.channel) {
    r = DeliveryResult::Of(Outcome_::kFailed,
                           "no destination '" + m.destination + "' is configured any more");
  } else {
    Throttle(m.destination);
    try {
      r = it->second.channel->Deliver(m);
    } catch (const std::exception& e) {
      r = DeliveryResult::Of(Outcome_::kRetry, std::string("delivery failed: ") + e.what());
    }
  }
  Finish(m, r, started);
}

void Dispatcher::DeliverTogether(const std::vector<store::OutboxMessage>& burst) {
  TimePoint started = clock_->Now();
  store::OutboxMessage together = burst.front();
  together.body.clear();
  together.idempotency_key.clear();
  for (const auto& m : burst) {
    if (!together.body.empty()) together.body += "\n\n---\n\n";
    together.body += m.body;
    together.idempotency_key +=
        (together.idempotency_key.empty() ? "" : "+") + std::to_string(m.id);
  }
  together.idempotency_key = "coalesced:" + together.idempotency_key;
  DeliveryResult r;
  auto it = destinations_.find(together.destination);
  Throttle(together.destination);
  try {
    r = it->second.channel->Deliver(together);
  } catch (const std::exception& e) {
    r = DeliveryResult::Of(Outcome_::kRetry, std::string("delivery failed: ") + e.what());
  }
  if (r.outcome == Outcome_::kDelivered)
    r.detail = "delivered together with " + std::to_string(burst.size() - 1) + " other message(s)";
  for (const auto& m : burst) Finish(m, r, started);
}

void Dispatcher::Finish(const store::OutboxMessage& m, const DeliveryResult& r, TimePoint started) {
  int attempt = m.attempts + 1;
  int max_attempts = 8;
  if (auto it = destinations_.find(m.destination); it != destinations_.end())
    max_attempts = it->second.max_attempts;
  TimePoint now = clock_->Now();
  using store::AttemptOutcome;
  using store::OutboxState;
  OutboxState state = OutboxState::kPending;
  AttemptOutcome outcome = AttemptOutcome::kRetry;
  TimePoint next = now;
  Outcome_ o = r.outcome;
  // A page whose fate is unknown is sent again (with its idempotency key): a
  // duplicate page is better than a lost one. A customer message is not.
  if (o == Outcome_::kUnknown && m.retry_on_unknown) o = Outcome_::kRetry;
  switch (o) {
    case Outcome_::kDelivered:
      state = OutboxState::kDelivered;
      outcome = AttemptOutcome::kDelivered;
      break;
    case Outcome_::kFailed:
      state = OutboxState::kDead;
      outcome = AttemptOutcome::kFailed;
      break;
    case Outcome_::kUnknown:
      state = OutboxState::kUnknown;
      outcome = AttemptOutcome::kUnknown;
      break;
    case Outcome_::kRetry:
      if (attempt >= max_attempts) {
        state = OutboxState::kDead;
      } else {
        std::lock_guard lock(rng_mu_);
        next = now + Backoff(attempt, r.retry_after, rng_);
      }
      break;
  }
  store::OutboxAttempt a{m.id, attempt, started, now, outcome, r.http_status, r.detail};
  auto w = store_.WriteSync([&](store::WriteTx& tx) {
    return tx.FinishAttempt(a, state, next, state == OutboxState::kDelivered ? "" : r.detail);
  });
  if (!w.ok()) {
    // The lease runs out and the message is tried again: never lost.
    spdlog::warn("outbox message {}: recording the attempt failed: {}", m.id, w.error().message);
    return;
  }
  if (state == OutboxState::kPending) return;
  if (state == OutboxState::kDelivered) ++delivered_;
  if (m.incident_id.empty()) return;  // a triage notice: no incident to record it on
  if (state == OutboxState::kDelivered && r.link) {
    std::promise<Result<IncidentView>> lp;
    incidents_.RecordLink(m.incident_id,
                          core::commands::AddLink{r.link->kind, r.link->url, r.link->title},
                          [&lp](auto res) { lp.set_value(std::move(res)); });
    auto lr = lp.get_future().get();
    if (!lr.ok())
      spdlog::warn("outbox message {}: recording its link failed: {}", m.id, lr.error().message);
  }
  core::commands::RecordMessageOutcome rec;
  using RecordedOutcome = core::commands::RecordMessageOutcome::Outcome;
  rec.outcome = state == OutboxState::kDelivered ? RecordedOutcome::kDelivered
                : state == OutboxState::kDead    ? RecordedOutcome::kDeadLettered
                                                 : RecordedOutcome::kUnknown;
  rec.message = core::events::MessageOutcome{
      m.id,       m.destination, m.kind,
      m.audience, attempt,       state == OutboxState::kDelivered ? "" : r.detail};
  std::promise<Result<IncidentView>> p;
  incidents_.RecordMessageOutcome(m.incident_id, rec,
                                  [&p](auto res) { p.set_value(std::move(res)); });
  auto res = p.get_future().get();
  if (!res.ok())
    spdlog::warn("outbox message {}: recording its outcome on {} failed: {}", m.id, m.incident_id,
                 res.error().message);
}

namespace {
Error AdminsOnly() { return Error::PermissionDenied("the outbox is for admins"); }
}  // namespace

void Dispatcher::List(const Caller& caller, store::OutboxFilter f,
                      std::function<void(Result<std::vector<store::OutboxMessage>>)> done) {
  if (!caller.IsAdmin()) return done(AdminsOnly());
  auto out = std::make_shared<std::vector<store::OutboxMessage>>();
  store_.Read(
      [f, out](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*out, tx.ListOutbox(f));
        return Success();
      },
      [out, done = std::move(done)](Outcome r) { Reply(std::move(r), *out, done); });
}

void Dispatcher::Attempts(
    const Caller& caller, std::int64_t id,
    std::function<void(Result<std::pair<store::OutboxMessage, std::vector<store::OutboxAttempt>>>)>
        done) {
  if (!caller.IsAdmin()) return done(AdminsOnly());
  auto out = std::make_shared<std::pair<store::OutboxMessage, std::vector<store::OutboxAttempt>>>();
  store_.Read(
      [id, out](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto m, tx.FindOutbox(id));
        if (!m)
          return Error::NotFound("no outbox message " + std::to_string(id) +
                                 " (see `warroom outbox list`)");
        out->first = *m;
        WARROOM_ASSIGN_OR_RETURN(out->second, tx.ListAttempts(id));
        return Success();
      },
      [out, done = std::move(done)](Outcome r) { Reply(std::move(r), *out, done); });
}

void Dispatcher::Retry(const Caller& caller, std::int64_t id,
                       std::function<void(Result<store::OutboxMessage>)> done) {
  if (!caller.IsAdmin()) return done(AdminsOnly());
  auto out = std::make_shared<store::OutboxMessage>();
  TimePoint now = clock_->Now();
  store_.Write(
      [id, now, out](store::WriteTx& tx) -> Outcome {
        WARROOM_RETURN_IF_ERROR(tx.RetryOutbox(id, now));
        WARROOM_ASSIGN_OR_RETURN(auto m, tx.FindOutbox(id));
        *out = *m;
        return Success();
      },
      [this, out, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        Wake();
        done(std::move(*out));
      });
}

void Dispatcher::Loop() {
  for (;;) {
    std::uint64_t seen;
    {
      std::lock_guard lock(mu_);
      if (stop_) return;
      seen = wakes_;
    }
    if (RunOnce() > 0) continue;
    // Nothing due: sleep until the next due message (real time), a wake-up,
    // or the idle limit (leases that ran out).
    std::optional<TimePoint> due;
    auto next = store_.ReadSync([&](store::ReadTx& tx) -> Outcome {
      WARROOM_ASSIGN_OR_RETURN(due, tx.NextOutboxDue());
      return Success();
    });
    if (!next.ok()) spdlog::warn("outbox: {}", next.error().message);
    std::unique_lock lock(mu_);
    if (stop_) return;
    if (wakes_ != seen) continue;
    auto wait = std::chrono::duration_cast<std::chrono::steady_clock::duration>(delivery::kMaxIdle);
    if (due && !clock_->IsSimulated()) {
      auto until = *due - clock_->Now();
      if (until < Duration::zero()) until = Duration::zero();
      wait = std::min(wait, std::chrono::duration_cast<std::chrono::steady_clock::duration>(until) +
                                std::chrono::milliseconds(1));
    }
    cv_.wait_for(lock, wait, [&] { return stop_ || wakes_ != seen; });
  }
}

}  // namespace warroom::engine
