#include "engine/clock_runner.hpp"

#include <future>

namespace warroom::engine {

using namespace core;

namespace {
// A breach is due strictly after its due time: `now > due`.
constexpr Duration kTick{1};
// How long a failed write waits before the runner retries it (real time).
constexpr auto kRetryAfter = std::chrono::seconds(1);
// Breaches recorded together at most (one group commit).
constexpr std::size_t kBatch = 512;
// Incidents listed per page when loading the schedule at start-up.
constexpr int kLoadPage = 1000;
}  // namespace

ClockRunner::ClockRunner(IncidentService& incidents, std::shared_ptr<const Clock> clock)
    : incidents_(incidents), clock_(std::move(clock)) {}

void ClockRunner::Schedule(const IncidentState& s, const std::vector<ClockView>& clocks) {
  std::vector<std::pair<ClockKind, TimePoint>> due;
  std::vector<Entry> entries;
  for (const ClockView& v : clocks) {
    if (!v.due_at) continue;
    bool pending = v.status == ClockStatus::kPending;
    // A breach missed while the server was down is still recorded, late; a
    // retroactive one (past due before warroom knew of it) is only shown.
    bool unrecorded = v.status == ClockStatus::kBreached && !v.met_at && !v.retroactive &&
                      !s.BreachRecorded(v.kind, *v.due_at);
    if (!pending && !unrecorded) continue;
    due.emplace_back(v.kind, *v.due_at);
    entries.push_back(Entry{*v.due_at, *v.due_at, s.id, v.kind, v.retroactive});
  }
  {
    std::lock_guard lock(mu_);
    if (due.empty()) {
      current_.erase(s.id);
    } else {
      current_[s.id] = std::move(due);
      for (auto& e : entries) heap_.push(std::move(e));
    }
  }
  Wake();
}

bool ClockRunner::Valid(const Entry& e) const {
  auto it = current_.find(e.id);
  if (it == current_.end()) return false;
  for (const auto& [kind, due] : it->second)
    if (kind == e.kind && due == e.due) return true;
  return false;
}

std::optional<ClockRunner::Entry> ClockRunner::PeekLocked() {
  while (!heap_.empty() && !Valid(heap_.top())) heap_.pop();
  if (heap_.empty()) return std::nullopt;
  return heap_.top();
}

std::size_t ClockRunner::scheduled() const {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (const auto& [id, due] : current_) n += due.size();
  return n;
}

Outcome ClockRunner::LoadIncidents() {
  Caller system{"warroom", store::Permission::kAdmin};
  // Open incidents, and resolved ones whose PIR clock still runs.
  for (auto filter :
       {std::pair<std::optional<bool>, std::optional<core::Status>>{true, std::nullopt},
        {std::nullopt, core::Status::kResolved}}) {
    for (int offset = 0;; offset += kLoadPage) {
      store::IncidentFilter f;
      f.open = filter.first;
      f.status = filter.second;
      f.limit = kLoadPage;
      f.offset = offset;
      std::promise<Result<std::vector<store::IncidentRow>>> p;
      incidents_.List(system, f, [&p](auto r) { p.set_value(std::move(r)); });
      auto rows = p.get_future().get();
      if (!rows.ok()) return rows.error();
      for (const auto& row : *rows) {
        std::promise<Result<IncidentView>> vp;
        incidents_.Get(system, row.id, [&vp](auto r) { vp.set_value(std::move(r)); });
        auto view = vp.get_future().get();
        if (!view.ok()) return view.error();
        Schedule(view->state, view->clocks);
      }
      if (static_cast<int>(rows->size()) < kLoadPage) break;
    }
  }
  return Success();
}

Outcome ClockRunner::LoadIncident(const std::string& id) {
  Caller system{"warroom", store::Permission::kAdmin};
  std::promise<Result<IncidentView>> vp;
  incidents_.Get(system, id, [&vp](auto r) { vp.set_value(std::move(r)); });
  auto view = vp.get_future().get();
  if (!view.ok()) return view.error().code == ErrorCode::kNotFound ? Success() : view.error();
  Schedule(view->state, view->clocks);
  return Success();
}

Result<NextTick> ClockRunner::Tick(TimePoint now) {
  RunDue(now);
  std::lock_guard lock(mu_);
  auto next = PeekLocked();
  if (!next) return NextTick::WhenWoken();
  return NextTick::At(next->fire_at + kTick);
}

void ClockRunner::RunDue(TimePoint now) {
  for (;;) {
    // Take every entry due by now (in due order) and record them together:
    // the writer folds them into one commit, so a burst of breaches costs
    // one fsync, not one each.
    std::vector<Entry> batch;
    {
      std::lock_guard lock(mu_);
      while (batch.size() < kBatch) {
        auto next = PeekLocked();
        if (!next || !(next->fire_at < now)) break;
        Entry e = *next;
        heap_.pop();
        // Taken: a reschedule from the commit below replaces it.
        auto& due = current_[e.id];
        std::erase_if(due, [&](const auto& d) { return d.first == e.kind && d.second == e.due; });
        if (due.empty()) current_.erase(e.id);
        batch.push_back(std::move(e));
      }
    }
    if (batch.empty()) return;
    std::vector<std::promise<Result<IncidentView>>> results(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const Entry& e = batch[i];
      incidents_.RecordBreach(e.id, e.kind, e.due, e.retroactive,
                              [&results, i](auto r) { results[i].set_value(std::move(r)); });
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
      auto r = results[i].get_future().get();
      if (r.ok()) {
        ++recorded_;
      } else if (r.error().code != ErrorCode::kFailedPrecondition &&
                 r.error().code != ErrorCode::kAlreadyExists &&
                 r.error().code != ErrorCode::kNotFound && !clock_->IsSimulated()) {
        // The store is busy or failing: try again shortly, never drop a breach.
        Entry e = batch[i];
        std::lock_guard lock(mu_);
        current_[e.id].emplace_back(e.kind, e.due);
        e.fire_at = now + std::chrono::duration_cast<Duration>(kRetryAfter);
        heap_.push(e);
      }
    }
  }
}

}  // namespace warroom::engine
