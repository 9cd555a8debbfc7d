#include "engine/peer_refresh.hpp"

namespace warroom::engine {

void PeerRefresh::Heard(const Change& c) {
  if (!c.from_peer) return;
  switch (c.kind) {
    case ChangeKind::kIncident: {
      std::lock_guard lock(mu_);
      incidents_.insert(c.id);
      if (armed_) return;
      armed_ = true;
      break;
    }
    case ChangeKind::kOutbox:
      dispatcher_.Wake();
      return;
    case ChangeKind::kEverything: {
      std::lock_guard lock(mu_);
      everything_ = true;
      break;
    }
    case ChangeKind::kAlerts:
    case ChangeKind::kUsers:
    case ChangeKind::kClock:
    case ChangeKind::kStatusPage:  // the status page's feed listens itself
      return;
  }
  Wake();
}

Result<NextTick> PeerRefresh::Tick(TimePoint) {
  std::set<std::string> changed;
  bool all;
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mu_);
    all = everything_ || now - last_full_ >= every_;
    if (!all && !incidents_.empty() && now - last_loads_ < gap_) {
      // Too soon after the last loads: they wait for the gap's end (still
      // armed, so that the announcements meanwhile wake nothing).
      armed_ = true;
      return NextTick::WhenWoken().OrWithin(gap_ - (now - last_loads_));
    }
    changed.swap(incidents_);
    everything_ = false;
    armed_ = false;
    if (!changed.empty()) last_loads_ = now;
  }
  if (all) {
    Outcome loaded = clocks_.LoadIncidents();
    if (!loaded.ok()) {
      std::lock_guard lock(mu_);
      everything_ = true;
      return loaded.error();
    }
    last_full_ = now;
    dispatcher_.Wake();
  } else {
    for (const auto& id : changed) {
      if (Outcome r = clocks_.LoadIncident(id); !r.ok()) {
        std::lock_guard lock(mu_);
        everything_ = true;  // what is left is loaded with the rest
        return r.error();
      }
    }
  }
  return NextTick::WhenWoken().OrWithin(every_);
}

}  // namespace warroom::engine
