#include "engine/change_bus.hpp"

#include <array>
#include <vector>

namespace warroom::engine {

namespace {
constexpr std::array<std::pair<ChangeKind, std::string_view>, 7> kNames{{
    {ChangeKind::kIncident, "incident"},
    {ChangeKind::kAlerts, "alerts"},
    {ChangeKind::kOutbox, "outbox"},
    {ChangeKind::kUsers, "users"},
    {ChangeKind::kClock, "clock"},
    {ChangeKind::kEverything, "everything"},
    {ChangeKind::kStatusPage, "status-page"},
}};
}  // namespace

std::string_view ChangeKindName(ChangeKind k) {
  for (const auto& [kind, name] : kNames)
    if (kind == k) return name;
  return "everything";
}

int ChangeBus::Subscribe(Listener listener) {
  std::lock_guard lock(mu_);
  int id = next_id_++;
  listeners_.emplace(id, std::move(listener));
  return id;
}

void ChangeBus::Unsubscribe(int id) {
  std::lock_guard lock(mu_);
  listeners_.erase(id);
}

void ChangeBus::SetPeers(std::string instance, std::function<void(std::string)> send) {
  std::lock_guard lock(mu_);
  instance_ = std::move(instance);
  send_ = std::move(send);
}

void ChangeBus::Tell(const Change& c) {
  // Listeners are called outside the lock (one may subscribe another), on a
  // copy taken under it.
  std::vector<Listener> now;
  {
    std::lock_guard lock(mu_);
    now.reserve(listeners_.size());
    for (const auto& [id, l] : listeners_) now.push_back(l);
  }
  for (const auto& l : now) l(c);
}

void ChangeBus::Publish(ChangeKind kind, std::string id) {
  std::function<void(std::string)> send;
  std::string instance;
  {
    std::lock_guard lock(mu_);
    send = send_;
    instance = instance_;
  }
  if (send) send(Encode(instance, kind, id));
  Tell(Change{kind, std::move(id), false});
}

void ChangeBus::FromPeers(const std::string& payload) {
  if (payload.empty()) return Tell(Change{ChangeKind::kEverything, "", true});
  auto d = Decode(payload);
  if (!d) return;
  {
    std::lock_guard lock(mu_);
    if (d->instance == instance_) return;
  }
  Tell(d->change);
}

std::string ChangeBus::Encode(const std::string& instance, ChangeKind kind, const std::string& id) {
  std::string out = "v1 ";
  out += instance;
  out += ' ';
  out += ChangeKindName(kind);
  out += ' ';
  out += id;
  return out;
}

std::optional<ChangeBus::Decoded> ChangeBus::Decode(std::string_view payload) {
  // "v1 <instance> <kind> <id>": instance and kind have no spaces; the id
  // is the rest (maybe empty).
  if (payload.substr(0, 3) != "v1 ") return std::nullopt;
  payload.remove_prefix(3);
  auto sp = payload.find(' ');
  if (sp == std::string_view::npos || sp == 0) return std::nullopt;
  Decoded d;
  d.instance = std::string(payload.substr(0, sp));
  payload.remove_prefix(sp + 1);
  sp = payload.find(' ');
  if (sp == std::string_view::npos) return std::nullopt;
  std::string_view kind = payload.substr(0, sp);
  bool known = false;
  for (const auto& [k, name] : kNames)
    if (name == kind) {
      d.change.kind = k;
      known = true;
    }
  if (!known) return std::nullopt;
  d.change.id = std::string(payload.substr(sp + 1));
  d.change.from_peer = true;
  return d;
}

}  // namespace warroom::engine
