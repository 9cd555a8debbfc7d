#include "engine/live_feed.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "engine/reply.hpp"
#include "engine/stored_events.hpp"

namespace warroom::engine {

namespace {

// How many events one read takes; a longer backlog is read in turns.
constexpr int kReadBatch = 1000;

}  // namespace

LiveFeed::LiveFeed(store::Store& store, IncidentService& incidents, std::size_t keep)
    : store_(store), incidents_(incidents), keep_(keep) {}

LiveFeed::~LiveFeed() {
  if (bus_) bus_->Unsubscribe(subscription_);
}

void LiveFeed::Listen(ChangeBus& bus) {
  bus_ = &bus;
  subscription_ = bus.Subscribe([this](const Change& c) { Heard(c); });
}

void LiveFeed::Heard(const Change& c) {
  switch (c.kind) {
    case ChangeKind::kIncident:
    case ChangeKind::kStatusPage:  // its chain's events stream to admins
      Poll();
      return;
    case ChangeKind::kEverything: {
      // Announcements may have been lost: read the log, and let every
      // stream count again and check who it serves.
      {
        std::lock_guard lock(mu_);
        ++signals_.alerts;
        ++signals_.users;
      }
      Poll();
      return;
    }
    case ChangeKind::kAlerts: {
      std::lock_guard lock(mu_);
      ++signals_.alerts;
      break;
    }
    case ChangeKind::kUsers: {
      std::lock_guard lock(mu_);
      ++signals_.users;
      break;
    }
    case ChangeKind::kOutbox:
    case ChangeKind::kClock:
      return;
  }
  WakeAll();
}

Outcome LiveFeed::Start() {
  std::int64_t last = 0;
  WARROOM_RETURN_IF_ERROR(store_.ReadSync([&](store::ReadTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(last, tx.LastGlobalSeq());
    return Success();
  }));
  std::lock_guard lock(mu_);
  head_ = last;
  return Success();
}

void LiveFeed::Stop() {
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
  }
  WakeAll();
}

bool LiveFeed::stopped() const {
  std::lock_guard lock(mu_);
  return stopped_;
}

int LiveFeed::Watch(std::function<void()> wake) {
  std::lock_guard lock(mu_);
  int id = next_watcher_++;
  watchers_[id] = std::move(wake);
  return id;
}

void LiveFeed::Unwatch(int id) {
  std::lock_guard lock(mu_);
  watchers_.erase(id);
}

LiveFeed::Signals LiveFeed::signals() const {
  std::lock_guard lock(mu_);
  return signals_;
}

std::int64_t LiveFeed::Head() const {
  std::lock_guard lock(mu_);
  return head_;
}

LiveFeed::Slice LiveFeed::After(std::int64_t after) const {
  std::lock_guard lock(mu_);
  Slice s;
  if (after >= head_) return s;
  // Held events are consecutive and end at head_: complete when the first
  // one wanted (after + 1) is among them.
  std::int64_t first = held_.empty() ? head_ + 1 : held_.front()->event.global_seq;
  s.complete = after + 1 >= first;
  if (!s.complete) return s;
  for (auto it = held_.rbegin(); it != held_.rend() && (*it)->event.global_seq > after; ++it)
    s.events.push_back(*it);
  std::reverse(s.events.begin(), s.events.end());
  return s;
}

void LiveFeed::Backfill(std::int64_t after, int limit,
                        std::function<void(Result<std::vector<LiveEventPtr>>)> done) {
  auto out = std::make_shared<std::vector<LiveEventPtr>>();
  store_.Read(
      [this, after, limit, out](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*out, ReadAfter(tx, after, limit));
        return Success();
      },
      [out, done = std::move(done)](Outcome r) { Reply(std::move(r), *out, done); });
}

Result<std::vector<LiveEventPtr>> LiveFeed::ReadAfter(store::ReadTx& tx, std::int64_t after,
                                                      int limit) {
  WARROOM_ASSIGN_OR_RETURN(auto rows, tx.LoadLogAfter(after, limit));
  // Each incident's visibility and participants once per read, as of now:
  // an incident restricted since is not shown, not even its older events.
  std::map<std::string, std::pair<core::Visibility, std::vector<std::string>>> audience;
  std::vector<LiveEventPtr> out;
  out.reserve(rows.size());
  for (const store::StoredEvent& row : rows) {
    WARROOM_ASSIGN_OR_RETURN(core::Event e, FromStored(row));
    if (core::events::IsSystemChain(e.incident_id)) {
      // No incident: admins only (restricted, no participants).
      out.push_back(std::make_shared<const LiveEvent>(
          LiveEvent{std::move(e), core::Visibility::kRestricted, {}}));
      continue;
    }
    auto it = audience.find(e.incident_id);
    if (it == audience.end()) {
      WARROOM_ASSIGN_OR_RETURN(core::IncidentState s, incidents_.StateIn(tx, e.incident_id));
      it = audience.emplace(e.incident_id, std::pair{s.visibility, s.Participants()}).first;
    }
    out.push_back(std::make_shared<const LiveEvent>(
        LiveEvent{std::move(e), it->second.first, it->second.second}));
  }
  return out;
}

void LiveFeed::Poll() {
  std::int64_t from = 0;
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    if (polling_) {
      again_ = true;  // read again once this read is done
      return;
    }
    polling_ = true;
    from = head_;
  }
  auto read = std::make_shared<std::vector<LiveEventPtr>>();
  store_.Read(
      [this, from, read](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*read, ReadAfter(tx, from, kReadBatch));
        return Success();
      },
      [this, read](Outcome r) {
        bool more = false;
        {
          std::lock_guard lock(mu_);
          polling_ = false;
          if (r.ok()) {
            // An incident's audience as this read found it applies to the
            // events of it already held too: one restricted since is not
            // shown from memory either (a reconnect within what is held).
            // The held events are rewritten only when an audience changed.
            std::map<std::string, const LiveEvent*> changed;
            for (const LiveEventPtr& e : *read) {
              Audience now{e->visibility, e->participants};
              auto [it, added] = audiences_.try_emplace(e->event.incident_id, now);
              if (!added && it->second != now) {
                it->second = std::move(now);
                changed[e->event.incident_id] = e.get();
              }
            }
            for (LiveEventPtr& held : held_) {
              if (changed.empty()) break;
              auto it = changed.find(held->event.incident_id);
              if (it == changed.end()) continue;
              held = std::make_shared<const LiveEvent>(
                  LiveEvent{held->event, it->second->visibility, it->second->participants});
            }
            for (LiveEventPtr& e : *read) {
              if (e->event.global_seq <= head_) continue;  // never twice
              if (e->event.global_seq != head_ + 1)
                spdlog::warn("live feed: the log jumps from {} to {}", head_, e->event.global_seq);
              head_ = e->event.global_seq;
              held_.push_back(std::move(e));
            }
            while (held_.size() > keep_) held_.pop_front();
            if (audiences_.size() > 2 * keep_) {
              // Only the incidents still held need their audience known.
              std::map<std::string, Audience> kept;
              for (const LiveEventPtr& e : held_)
                if (auto it = audiences_.find(e->event.incident_id); it != audiences_.end())
                  kept.insert(*it);
              audiences_ = std::move(kept);
            }
            more = read->size() == static_cast<std::size_t>(kReadBatch);
          }
          more = more || again_;
          again_ = false;
        }
        if (!r.ok()) spdlog::warn("live feed: reading the log failed: {}", r.error().message);
        WakeAll();
        if (more) Poll();
      });
}

void LiveFeed::WakeAll() {
  std::vector<std::function<void()>> wakes;
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, w] : watchers_) wakes.push_back(w);
  }
  for (auto& w : wakes) w();
}

bool LiveFeed::Admit(const std::string& handle, int max_per_user) {
  std::lock_guard lock(mu_);
  int& n = streams_[handle];
  if (n >= max_per_user) return false;
  ++n;
  ++open_;
  return true;
}

void LiveFeed::Release(const std::string& handle) {
  std::lock_guard lock(mu_);
  auto it = streams_.find(handle);
  if (it == streams_.end()) return;
  --open_;
  if (--it->second <= 0) streams_.erase(it);
}

int LiveFeed::OpenStreams() const {
  std::lock_guard lock(mu_);
  return open_;
}

}  // namespace warroom::engine
