#include "engine/incident_cache.hpp"

namespace warroom::engine {

const CachedIncident* IncidentCache::Find(const std::string& id, std::int64_t seq, const store::Hash& hash) {
  auto it = slots_.find(id);
  if (it == slots_.end()) return nullptr;
  if (it->second.entry.seq != seq || it->second.entry.hash != hash) return nullptr;
  order_.splice(order_.begin(), order_, it->second.pos);
  return &it->second.entry;
}

void IncidentCache::Put(const std::string& id, CachedIncident entry) {
  auto it = slots_.find(id);
  if (it != slots_.end()) {
    it->second.entry = std::move(entry);
    order_.splice(order_.begin(), order_, it->second.pos);
    return;
  }
  order_.push_front(id);
  slots_.emplace(id, Slot{std::move(entry), order_.begin()});
  while (slots_.size() > capacity_) {
    slots_.erase(order_.back());
    order_.pop_back();
  }
}

}  // namespace warroom::engine
