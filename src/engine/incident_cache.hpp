#pragma once

#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clocks/clocks.hpp"
#include "core/incident/state.hpp"
#include "store/records.hpp"

namespace warroom::engine {

// api::EncodeState(state) as JSON text, serialized on its first read and
// kept: reads are many, but most states a command makes (a delivery's
// outcome, a breach) are replaced before anyone reads them, and serializing
// each inside its write cost the writer about 15% of a delivered message's
// work (dispatch_bench under callgrind). Safe to read from any thread.
class StateText {
 public:
  std::shared_ptr<const std::string> Of(const core::IncidentState& state) const;

 private:
  mutable std::once_flag once_;
  mutable std::shared_ptr<const std::string> text_;
};

// An incident's state and clocks as of one chain head (seq, hash), so a
// command need not replay the timeline.
struct CachedIncident {
  core::IncidentState state;
  core::ClockTracker clocks;
  std::int64_t seq = 0;
  store::Hash hash{};
  // This entry's state as text; a changed state gets a new one.
  std::shared_ptr<const StateText> state_text = std::make_shared<StateText>();
};
using CachedPtr = std::shared_ptr<const CachedIncident>;

// A bounded LRU shared by the writer and the readers.
//
// The writer puts an entry inside its write, before the commit, and marks it
// committed once the commit is durable. A write that validates an entry
// compares it with the store's chain head, so a rolled-back write (or another
// instance's append) shows as a mismatch. A read may serve a committed entry
// without asking the store: exact while this process is the only writer.
class IncidentCache {
 public:
  explicit IncidentCache(std::size_t capacity) : capacity_(capacity) {}

  // The entry for `id` if it matches the chain head (seq, hash).
  CachedPtr FindAt(const std::string& id, std::int64_t seq, const store::Hash& hash);
  // The committed entry for `id`, if any.
  CachedPtr FindCommitted(const std::string& id);
  // The writer's entry, not yet committed; replaces whatever was there.
  void PutUncommitted(const std::string& id, CachedPtr entry);
  // Marks the entry for `id` at `seq` committed.
  void MarkCommitted(const std::string& id, std::int64_t seq);
  // An entry read from committed data; kept unless a newer one is there.
  void PutCommitted(const std::string& id, CachedPtr entry);

 private:
  struct Slot {
    CachedPtr entry;
    bool committed = false;
    std::list<std::string>::iterator pos;
  };
  Slot* Touch(const std::string& id);
  void Insert(const std::string& id, CachedPtr entry, bool committed);

  std::mutex mu_;
  std::size_t capacity_;
  std::list<std::string> order_;  // most recent first
  std::unordered_map<std::string, Slot> slots_;
};

}  // namespace warroom::engine
