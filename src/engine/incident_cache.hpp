#pragma once

#include <list>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clocks/clocks.hpp"
#include "core/incident/state.hpp"
#include "store/records.hpp"

namespace warroom::engine {

// An incident's state and clocks as of one chain head, so a command need not
// replay the timeline. An entry is valid only while the store's chain head
// still has the same (seq, hash): a rolled-back write or another instance's
// append shows as a mismatch, and the incident is reloaded.
struct CachedIncident {
  core::IncidentState state;
  core::ClockTracker clocks;
  std::int64_t seq = 0;
  store::Hash hash{};
};

// A bounded LRU. Used by the store's writer thread only.
class IncidentCache {
 public:
  explicit IncidentCache(std::size_t capacity) : capacity_(capacity) {}
  // The entry for `id` if it matches the chain head (seq, hash).
  const CachedIncident* Find(const std::string& id, std::int64_t seq, const store::Hash& hash);
  void Put(const std::string& id, CachedIncident entry);

 private:
  std::size_t capacity_;
  std::list<std::string> order_;  // most recent first
  struct Slot {
    CachedIncident entry;
    std::list<std::string>::iterator pos;
  };
  std::unordered_map<std::string, Slot> slots_;
};

}  // namespace warroom::engine
