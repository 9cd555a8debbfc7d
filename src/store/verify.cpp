#include "store/verify.hpp"

#include <map>

#include "store/event_chain.hpp"

namespace warroom::store {

VerifyReport VerifyLog(const std::vector<StoredEvent>& events,
                       const std::vector<std::string>& projected_incidents) {
  VerifyReport r;
  struct Head {
    std::int64_t seq = 0;
    Hash hash{};
  };
  std::map<std::string, Head> heads;
  auto fail = [&](const StoredEvent& e, std::string why) {
    r.ok = false;
    r.first_bad_global_seq = e.global_seq;
    r.first_bad_incident = e.incident_id;
    r.problem = std::move(why);
  };
  std::int64_t expected_global = 1;
  for (const StoredEvent& e : events) {
    ++r.events;
    if (e.global_seq != expected_global) {
      fail(e, "global sequence jumps from " + std::to_string(expected_global - 1) + " to " +
                  std::to_string(e.global_seq) + ": events were deleted");
      return r;
    }
    ++expected_global;
    Head& h = heads[e.incident_id];
    if (e.incident_seq != h.seq + 1) {
      fail(e, "incident sequence jumps from " + std::to_string(h.seq) + " to " + std::to_string(e.incident_seq) +
                  ": events were deleted or reordered");
      return r;
    }
    if (e.prev_hash != h.hash) {
      fail(e, "prev_hash does not match the hash of event " + std::to_string(h.seq) + " of " + e.incident_id);
      return r;
    }
    if (ChainHash(e) != e.hash) {
      fail(e, "content does not match its hash: the event was edited");
      return r;
    }
    h.seq = e.incident_seq;
    h.hash = e.hash;
  }
  r.incidents = static_cast<std::int64_t>(heads.size());
  for (const auto& id : projected_incidents) {
    if (!heads.count(id)) {
      r.ok = false;
      r.first_bad_incident = id;
      r.problem = "incident " + id + " is listed but has no events: its events were deleted";
      return r;
    }
  }
  return r;
}

}  // namespace warroom::store
