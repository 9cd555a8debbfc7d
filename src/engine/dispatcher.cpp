#include "engine/dispatcher.hpp"

#include "engine/reply.hpp"
#include "engine/request_scope.hpp"

#include <spdlog/spdlog.h>

namespace warroom::engine {

using Outcome_ = DeliveryResult::Outcome;

namespace {
// Claimed messages the dispatcher holds at most, and how few are left when
// the workers ask for more.
constexpr std::size_t kCapacity = delivery::kWorkers * delivery::kClaimBatch;
constexpr std::size_t kLowWater = kCapacity / 2;
// A message due "now" that could not be claimed is looked at again this soon.
constexpr auto kSoonest = std::chrono::milliseconds(1);

DeliveryResult Threw(const std::exception& e) {
  return DeliveryResult::Of(Outcome_::kRetry, std::string("delivery failed: ") + e.what());
}
}  // namespace

Dispatcher::Dispatcher(store::Store& store, IncidentService& incidents,
                       std::shared_ptr<const Clock> clock,
                       std::map<std::string, Destination> destinations, store::OutboxLane lane)
    : store_(store),
      incidents_(incidents),
      clock_(std::move(clock)),
      lane_(lane),
      destinations_(std::move(destinations)) {}

Dispatcher::~Dispatcher() { Stop(); }

void Dispatcher::ReleaseClaims() {
  auto r = store_.WriteSync([](store::WriteTx& tx) { return tx.ReleaseOutboxLeases(); });
  if (!r.ok()) spdlog::warn("outbox: releasing old leases failed: {}", r.error().message);
}

void Dispatcher::Start(bool sole) {
  if (sole) ReleaseClaims();
  std::lock_guard lock(mu_);
  if (!workers_.empty()) return;
  stop_ = false;
  for (int i = 0; i < delivery::kWorkers; ++i) workers_.emplace_back([this] { Work(); });
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
  std::size_t dropped = 0;
  {
    std::lock_guard lock(mu_);
    for (const Job& j : jobs_) {
      dropped += j.size();
      for (const auto& m : j) held_.erase(m.id);  // their leases run out: tried again later
    }
    jobs_.clear();
  }
  if (dropped > 0) Done(dropped);
  std::unique_lock lock(mu_);
  idle_cv_.wait(lock, [this] { return outstanding_ == 0; });
}

Result<NextTick> Dispatcher::Tick(TimePoint now) {
  std::size_t room;
  {
    std::lock_guard lock(mu_);
    if (stop_) return NextTick::WhenWoken();
    room = outstanding_ < kCapacity ? kCapacity - outstanding_ : 0;
  }
  auto idle = std::chrono::duration_cast<std::chrono::steady_clock::duration>(delivery::kMaxIdle);
  if (room == 0) return NextTick::WhenWoken().OrWithin(idle);
  std::vector<store::OutboxMessage> claimed;
  Duration claim_lease = claim_lease_;
  WARROOM_RETURN_IF_ERROR(store_.WriteSync([&](store::WriteTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(claimed,
                             tx.ClaimOutbox(lane_, now, now + claim_lease, static_cast<int>(room)));
    return Success();
  }));
  bool full = claimed.size() >= room;
  {
    std::lock_guard lock(mu_);
    std::erase_if(claimed, [this](const store::OutboxMessage& m) {
      return !held_.insert(m.id).second;  // already being delivered here
    });
  }
  if (!claimed.empty()) {
    std::vector<Job> jobs = Group(std::move(claimed));
    {
      std::lock_guard lock(mu_);
      for (auto& j : jobs) {
        outstanding_ += j.size();
        jobs_.push_back(std::move(j));
      }
    }
    cv_.notify_all();
  }
  // Full: more may be due; the workers wake the module when they have room.
  if (full) return NextTick::WhenWoken().OrWithin(idle);
  std::optional<TimePoint> due;
  WARROOM_RETURN_IF_ERROR(store_.ReadSync([&](store::ReadTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(due, tx.NextOutboxDue(lane_));
    return Success();
  }));
  if (!due) return NextTick::WhenWoken().OrWithin(idle);
  return NextTick::At(std::max(*due, now + std::chrono::duration_cast<Duration>(kSoonest)))
      .OrWithin(idle);
}

bool Dispatcher::Coalescible(const store::OutboxMessage& m) const {
  auto d = destinations_.find(m.destination);
  return d != destinations_.end() && d->second.rate_per_second > 0 && m.recipient.empty() &&
         m.kind != store::OutboxKind::kPage && m.kind != store::OutboxKind::kEscalation &&
         m.kind != store::OutboxKind::kWarRoom;
}

std::vector<Dispatcher::Job> Dispatcher::Group(std::vector<store::OutboxMessage> claimed) const {
  // Bursts to a rate-limited channel coalesce: the messages claimed together
  // for it go out as one (each keeps its own attempt and outcome).
  std::vector<Job> jobs;
  std::map<std::string, Job> bursts;
  for (auto& m : claimed) {
    if (Coalescible(m)) {
      bursts[m.destination].push_back(std::move(m));
    } else {
      jobs.push_back(Job{std::move(m)});
    }
  }
  for (auto& [dest, burst] : bursts) jobs.push_back(std::move(burst));
  return jobs;
}

void Dispatcher::TakeQueuedFor(const std::string& destination, Job& job) {
  std::lock_guard lock(mu_);
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    if (it->front().destination == destination && Coalescible(it->front())) {
      for (auto& m : *it) job.push_back(std::move(m));
      it = jobs_.erase(it);
    } else {
      ++it;
    }
  }
}

void Dispatcher::Work() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
      if (stop_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    Run(std::move(job));
  }
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

DeliveryResult Dispatcher::Send(const store::OutboxMessage& m) {
  auto it = destinations_.find(m.destination);
  if (it == destinations_.end() || !it->second.channel)
    return DeliveryResult::Of(Outcome_::kFailed,
                              "no destination '" + m.destination + "' is configured any more");
  try {
    return it->second.channel->Deliver(m);
  } catch (const std::exception& e) {
    return Threw(e);
  }
}

void Dispatcher::Run(Job job) {
  if (send_gate_ && !send_gate_()) {
    for (const auto& m : job) Release(m.id);
    Done(job.size());
    return;
  }
  TimePoint started = clock_->Now();
  // The rate's turn first: what queued for the destination meanwhile goes
  // out with this message.
  Throttle(job.front().destination);
  if (Coalescible(job.front())) TakeQueuedFor(job.front().destination, job);
  if (job.size() == 1) return Finish(job.front(), Send(job.front()), started);
  store::OutboxMessage together = job.front();
  together.body.clear();
  together.idempotency_key.clear();
  for (const auto& m : job) {
    if (!together.body.empty()) together.body += "\n\n---\n\n";
    together.body += m.body;
    together.idempotency_key +=
        (together.idempotency_key.empty() ? "" : "+") + std::to_string(m.id);
  }
  together.idempotency_key = "coalesced:" + together.idempotency_key;
  DeliveryResult r = Send(together);
  if (r.outcome == Outcome_::kDelivered)
    r.detail = "delivered together with " + std::to_string(job.size() - 1) + " other message(s)";
  for (const auto& m : job) Finish(m, r, started);
}

void Dispatcher::Finish(const store::OutboxMessage& m, const DeliveryResult& r, TimePoint started) {
  int max_attempts = delivery::kDefaultMaxAttempts;
  if (auto it = destinations_.find(m.destination); it != destinations_.end())
    max_attempts = it->second.max_attempts;
  TimePoint now = clock_->Now();
  AttemptVerdict v;
  {
    std::lock_guard lock(rng_mu_);
    v = Judge(m, r, max_attempts, now, rng_);
  }
  Attempt a{store::OutboxAttempt{m.id, v.attempt, started, now, v.outcome, r.http_status, r.detail},
            v, v.state == store::OutboxState::kDelivered ? "" : r.detail};
  // A war room's link is recorded before the outcome, in its own command.
  bool link = v.state == store::OutboxState::kDelivered && r.link;
  if (v.final() && !m.incident_id.empty() && !link) return FinishTogether(m, r, a);
  FinishApart(m, r, a);
}

// The attempt and the incident's outcome event in one write: durable
// together, one savepoint, so a burst of deliveries costs one group commit
// for all its records rather than two.
void Dispatcher::FinishTogether(const store::OutboxMessage& m, const DeliveryResult& r,
                                const Attempt& a) {
  auto executed = std::make_shared<std::optional<IncidentService::Executed>>();
  CommandRequest req{m.incident_id, OutcomeCommand(m, r, a.verdict), std::nullopt};
  store_.Write(
      [this, a, req, executed](store::WriteTx& tx) -> Outcome {
        WARROOM_RETURN_IF_ERROR(
            tx.FinishAttempt(a.row, a.verdict.state, a.verdict.next_attempt, a.error));
        WARROOM_ASSIGN_OR_RETURN(
            *executed, incidents_.ExecuteIn(tx, core::Actor::System(),
                                            Caller{"warroom", store::Permission::kAdmin}, req));
        return Success();
      },
      [this, m, r, a, executed](Outcome w) {
        // Refused (the incident is gone, the store failed): the attempt
        // alone, then the outcome on its own, as when they cannot go together.
        if (!w.ok()) return FinishApart(m, r, a);
        Release(m.id);
        incidents_.Committed(**executed);
        if (a.verdict.state == store::OutboxState::kDelivered) ++delivered_;
        Done(1);
      });
}

void Dispatcher::FinishApart(const store::OutboxMessage& m, const DeliveryResult& r,
                             const Attempt& a) {
  store_.Write(
      [a](store::WriteTx& tx) {
        return tx.FinishAttempt(a.row, a.verdict.state, a.verdict.next_attempt, a.error);
      },
      [this, m, r, v = a.verdict](Outcome w) {
        Release(m.id);
        if (!w.ok()) {
          // The lease runs out and the message is tried again: never lost.
          spdlog::warn("outbox message {}: recording the attempt failed: {}", m.id,
                       w.error().message);
          return Done(1);
        }
        if (v.state == store::OutboxState::kDelivered) ++delivered_;
        // Pending: tried again later, maybe sooner than the module's next
        // tick. No incident: a triage notice.
        if (!v.final()) return Done(1, true);
        if (m.incident_id.empty()) return Done(1);
        if (v.state != store::OutboxState::kDelivered || !r.link) return RecordOutcome(m, r, v);
        incidents_.RecordLink(m.incident_id,
                              core::commands::AddLink{r.link->kind, r.link->url, r.link->title},
                              [this, m, r, v](Result<IncidentView> lr) {
                                if (!lr.ok())
                                  spdlog::warn("outbox message {}: recording its link failed: {}",
                                               m.id, lr.error().message);
                                RecordOutcome(m, r, v);
                              });
      });
}

core::commands::RecordMessageOutcome Dispatcher::OutcomeCommand(const store::OutboxMessage& m,
                                                                const DeliveryResult& r,
                                                                const AttemptVerdict& v) {
  using Rec = core::commands::RecordMessageOutcome;
  Rec rec;
  rec.outcome = v.state == store::OutboxState::kDelivered ? Rec::Outcome::kDelivered
                : v.state == store::OutboxState::kDead    ? Rec::Outcome::kDeadLettered
                                                          : Rec::Outcome::kUnknown;
  rec.message =
      core::events::MessageOutcome{m.id,
                                   m.destination,
                                   std::string(store::OutboxKindName(m.kind)),
                                   std::string(core::AudienceName(m.audience)),
                                   v.attempt,
                                   v.state == store::OutboxState::kDelivered ? "" : r.detail};
  return rec;
}

void Dispatcher::RecordOutcome(const store::OutboxMessage& m, const DeliveryResult& r,
                               const AttemptVerdict& v) {
  incidents_.RecordMessageOutcome(m.incident_id, OutcomeCommand(m, r, v),
                                  [this, id = m.id, incident = m.incident_id](auto res) {
                                    if (!res.ok())
                                      spdlog::warn(
                                          "outbox message {}: recording its outcome on {} "
                                          "failed: {}",
                                          id, incident, res.error().message);
                                    Done(1);
                                  });
}

void Dispatcher::Release(std::int64_t id) {
  std::lock_guard lock(mu_);
  held_.erase(id);
}

void Dispatcher::Done(std::size_t n, bool rescheduled) {
  bool wake = rescheduled;
  {
    std::lock_guard lock(mu_);
    std::size_t before = outstanding_;
    outstanding_ -= std::min(n, outstanding_);
    wake = wake || (before > kLowWater && outstanding_ <= kLowWater) || outstanding_ == 0;
  }
  idle_cv_.notify_all();
  if (wake) Wake();
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
      [caller, id, now, out](store::WriteTx& tx) -> Outcome {
        WARROOM_RETURN_IF_ERROR(tx.RetryOutbox(id, now));
        WARROOM_ASSIGN_OR_RETURN(auto m, tx.FindOutbox(id));
        *out = *m;
        return RecordAnswer(tx, caller, *out);
      },
      [this, out, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        Wake();
        done(std::move(*out));
      });
}

}  // namespace warroom::engine
