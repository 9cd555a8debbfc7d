#include "engine/incident_cache.hpp"

#include <boost/json.hpp>

#include "api/incident_json.hpp"

namespace warroom::engine {

std::shared_ptr<const std::string> StateText::Of(const core::IncidentState& state) const {
  std::call_once(once_, [&] {
    text_ = std::make_shared<const std::string>(boost::json::serialize(api::EncodeState(state)));
  });
  return text_;
}

IncidentCache::Slot* IncidentCache::Touch(const std::string& id) {
  auto it = slots_.find(id);
  if (it == slots_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second.pos);
  return &it->second;
}

void IncidentCache::Insert(const std::string& id, CachedPtr entry, bool committed) {
  if (Slot* s = Touch(id)) {
    s->entry = std::move(entry);
    s->committed = committed;
    return;
  }
  order_.push_front(id);
  slots_.emplace(id, Slot{std::move(entry), committed, order_.begin()});
  while (slots_.size() > capacity_) {
    slots_.erase(order_.back());
    order_.pop_back();
  }
}

CachedPtr IncidentCache::FindAt(const std::string& id, std::int64_t seq, const store::Hash& hash) {
  std::lock_guard lock(mu_);
  Slot* s = Touch(id);
  if (!s || s->entry->seq != seq || s->entry->hash != hash) return nullptr;
  return s->entry;
}

CachedPtr IncidentCache::FindCommitted(const std::string& id) {
  std::lock_guard lock(mu_);
  Slot* s = Touch(id);
  return s && s->committed ? s->entry : nullptr;
}

void IncidentCache::PutUncommitted(const std::string& id, CachedPtr entry) {
  std::lock_guard lock(mu_);
  Insert(id, std::move(entry), false);
}

void IncidentCache::MarkCommitted(const std::string& id, std::int64_t seq) {
  std::lock_guard lock(mu_);
  auto it = slots_.find(id);
  if (it != slots_.end() && it->second.entry->seq == seq) it->second.committed = true;
}

void IncidentCache::PutCommitted(const std::string& id, CachedPtr entry) {
  std::lock_guard lock(mu_);
  auto it = slots_.find(id);
  if (it != slots_.end() && it->second.entry->seq >= entry->seq) return;
  Insert(id, std::move(entry), true);
}

}  // namespace warroom::engine
