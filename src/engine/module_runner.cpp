#include "engine/module_runner.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace warroom::engine {

namespace {
// Ticks at one instant of an Advance before the runner gives up on the
// modules settling there (a module that keeps asking to run at once).
constexpr int kMaxRoundsAtOneInstant = 10000;
}  // namespace

ModuleRunner::ModuleRunner(std::shared_ptr<Clock> clock, Steady::duration retry_after)
    : clock_(std::move(clock)), retry_after_(retry_after) {}

ModuleRunner::~ModuleRunner() { Stop(); }

void ModuleRunner::Add(Module& module) {
  std::size_t index;
  {
    std::lock_guard lock(mu_);
    index = slots_.size();
    slots_.push_back(Slot{&module, std::nullopt, std::nullopt, true});
  }
  module.Attach([this, index] { Woken(index); });
  cv_.notify_all();
}

void ModuleRunner::Woken(std::size_t index) {
  {
    std::lock_guard lock(mu_);
    slots_[index].woken = true;
  }
  cv_.notify_all();
}

void ModuleRunner::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable() || stop_) return;
  thread_ = std::thread([this] { Loop(); });
}

void ModuleRunner::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::deque<Step> left;
  std::vector<Module*> modules;
  {
    std::lock_guard lock(mu_);
    left.swap(advances_);
    for (const Slot& s : slots_) modules.push_back(s.module);
  }
  for (Module* m : modules) m->Attach(nullptr);
  for (auto& step : left) step.done(Error::Unavailable("the server is shutting down"));
}

void ModuleRunner::SetPaused(bool paused) {
  {
    std::lock_guard lock(mu_);
    if (paused_ == paused) return;
    paused_ = paused;
    if (!paused)
      for (Slot& s : slots_) s.woken = true;
  }
  cv_.notify_all();
}

bool ModuleRunner::paused() const {
  std::lock_guard lock(mu_);
  return paused_;
}

std::uint64_t ModuleRunner::ticks() const {
  std::lock_guard lock(mu_);
  return ticks_;
}

void ModuleRunner::Advance(Duration by, std::function<void(Result<TimePoint>)> done) {
  if (by < Duration::zero()) {
    done(Error::InvalidArgument("time only moves forward"));
    return;
  }
  Queue(Step{by, TimePoint{}, std::move(done)});
}

void ModuleRunner::AdvanceTo(TimePoint to, std::function<void(Result<TimePoint>)> done) {
  Queue(Step{std::nullopt, to, std::move(done)});
}

void ModuleRunner::Queue(Step step) {
  if (!clock_->IsSimulated()) {
    step.done(
        Error::FailedPrecondition("this server runs on real time; start it with --clock "
                                  "simulated:2026-02-12T14:00:00Z to advance time"));
    return;
  }
  {
    std::lock_guard lock(mu_);
    if (stop_) {
      step.done(Error::Unavailable("the server is shutting down"));
      return;
    }
    advances_.push_back(std::move(step));
  }
  cv_.notify_all();
}

TimePoint ModuleRunner::TargetOf(const Step& step, TimePoint now) {
  return step.by ? now + *step.by : std::max(now, step.to);
}

Outcome ModuleRunner::MoveTo(TimePoint t) {
  auto* sim = dynamic_cast<SimulatedClock*>(clock_.get());
  if (keep_) WARROOM_RETURN_IF_ERROR(keep_(t));
  if (t > sim->Now()) sim->Set(t);
  return Success();
}

std::vector<std::size_t> ModuleRunner::TakeReadyLocked(TimePoint now, Steady::time_point real_now) {
  std::vector<std::pair<TimePoint, std::size_t>> ready;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    Slot& s = slots_[i];
    bool due = s.woken || (s.at && *s.at <= now) || (s.by && *s.by <= real_now);
    if (!due) continue;
    ready.emplace_back(s.at && *s.at <= now ? *s.at : now, i);
    s.woken = false;
  }
  std::sort(ready.begin(), ready.end());
  std::vector<std::size_t> out;
  for (const auto& r : ready) out.push_back(r.second);
  return out;
}

void ModuleRunner::RunReady(TimePoint now) {
  std::vector<std::size_t> ready;
  {
    std::lock_guard lock(mu_);
    ready = TakeReadyLocked(now, Steady::now());
  }
  for (std::size_t i : ready) {
    Module* m;
    {
      std::lock_guard lock(mu_);
      if (stop_ || paused_) return;
      m = slots_[i].module;
    }
    Result<NextTick> next = Error::Internal("the tick threw");
    try {
      next = m->Tick(now);
    } catch (const std::exception& e) {
      next = Error::Internal(std::string("the tick threw: ") + e.what());
    }
    std::lock_guard lock(mu_);
    ++ticks_;
    Slot& s = slots_[i];
    if (next.ok()) {
      s.at = next->at;
      s.by = next->within ? std::optional(Steady::now() + *next->within) : std::nullopt;
    } else {
      spdlog::warn("module {}: {} (trying again shortly)", m->Name(), next.error().message);
      s.at = std::nullopt;
      s.by = Steady::now() + retry_after_;
    }
  }
}

std::optional<TimePoint> ModuleRunner::EarliestAtLocked(TimePoint now) const {
  std::optional<TimePoint> earliest;
  for (const Slot& s : slots_) {
    std::optional<TimePoint> t = s.woken ? std::optional(now) : s.at;
    if (t && (!earliest || *t < *earliest)) earliest = t;
  }
  return earliest;
}

std::optional<ModuleRunner::Steady::time_point> ModuleRunner::WakeUpLocked(
    TimePoint now, Steady::time_point real_now) const {
  std::optional<Steady::time_point> earliest;
  for (const Slot& s : slots_) {
    std::optional<Steady::time_point> t = s.by;
    // A due time on the clock is a sleep on real time only when the clock is
    // real; simulated due times wait for Advance.
    if (s.at && !clock_->IsSimulated()) {
      auto in = std::chrono::duration_cast<Steady::duration>(*s.at - now);
      Steady::time_point when = real_now + std::max(in, Steady::duration::zero());
      if (!t || when < *t) t = when;
    }
    if (t && (!earliest || *t < *earliest)) earliest = t;
  }
  return earliest;
}

Result<TimePoint> ModuleRunner::DoAdvance(TimePoint target) {
  auto* sim = dynamic_cast<SimulatedClock*>(clock_.get());
  // Step through every due time in order, so what is due runs with the
  // world as it was at its due time.
  int rounds = 0;
  for (;;) {
    RunReady(sim->Now());
    std::optional<TimePoint> next;
    {
      std::lock_guard lock(mu_);
      if (stop_) return Error::Unavailable("the server is shutting down");
      next = EarliestAtLocked(sim->Now());
    }
    if (!next || *next > target) break;
    if (*next > sim->Now()) {
      WARROOM_RETURN_IF_ERROR(MoveTo(*next));
      rounds = 0;
    } else if (++rounds > kMaxRoundsAtOneInstant) {
      spdlog::warn("modules keep asking to run at {}: moving on", FormatTime(sim->Now()));
      break;
    }
  }
  WARROOM_RETURN_IF_ERROR(MoveTo(target));
  RunReady(target);
  return target;
}

void ModuleRunner::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    if (paused_) {
      // Another instance runs the modules: the new time is kept for it to
      // catch up with (what falls due on the way runs there).
      std::deque<Step> steps;
      steps.swap(advances_);
      if (!steps.empty()) {
        lock.unlock();
        for (auto& step : steps) {
          if (!keep_) {
            step.done(Error::Unavailable(
                "this instance does not run the background modules (another holds the lease: "
                "see GET /readyz): advance the clock there"));
            continue;
          }
          TimePoint target = TargetOf(step, clock_->Now());
          Outcome moved = MoveTo(target);
          step.done(moved.ok() ? Result<TimePoint>(target) : Result<TimePoint>(moved.error()));
        }
        lock.lock();
        continue;
      }
      cv_.wait(lock);
      continue;
    }
    if (!advances_.empty()) {
      Step step = std::move(advances_.front());
      advances_.pop_front();
      lock.unlock();
      step.done(DoAdvance(TargetOf(step, clock_->Now())));
      lock.lock();
      continue;
    }
    TimePoint now = clock_->Now();
    Steady::time_point real_now = Steady::now();
    bool any = false;
    for (const Slot& s : slots_)
      any = any || s.woken || (s.at && *s.at <= now) || (s.by && *s.by <= real_now);
    if (any) {
      lock.unlock();
      RunReady(now);
      lock.lock();
      continue;
    }
    if (auto wake = WakeUpLocked(now, real_now)) {
      cv_.wait_until(lock, *wake);
    } else {
      cv_.wait(lock);
    }
  }
}

}  // namespace warroom::engine
