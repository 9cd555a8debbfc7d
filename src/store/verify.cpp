#include "store/verify.hpp"

#include "store/event_chain.hpp"

namespace warroom::store {

VerifyReport VerifyLog(const VerifyInput& in) {
  VerifyReport r;
  ChainHeads heads;
  auto fail = [&](std::int64_t seq, std::string incident, std::string why) {
    r.ok = false;
    r.first_bad_global_seq = seq;
    r.first_bad_incident = std::move(incident);
    r.problem = std::move(why);
  };
  static const std::vector<Checkpoint> kNone;
  const auto& cps = in.checkpoints ? *in.checkpoints : kNone;
  r.checkpoints = static_cast<std::int64_t>(cps.size());
  std::size_t next_cp = 0;
  std::int64_t last_seq = 0;

  // Checks every checkpoint that covers the log up to `seq`.
  auto check_checkpoints = [&](std::int64_t seq) -> bool {
    while (next_cp < cps.size() && cps[next_cp].global_seq <= seq) {
      const Checkpoint& c = cps[next_cp];
      const auto& key = in.trusted_key ? *in.trusted_key : c.public_key;
      if (!VerifySignature(key, CheckpointMessage(c.global_seq, c.created_at, c.heads_digest),
                           c.signature)) {
        fail(c.global_seq, "",
             "checkpoint " + std::to_string(c.id) + " is not signed by the trusted key");
        return false;
      }
      if (c.global_seq != seq) {
        fail(c.global_seq, "",
             "checkpoint " + std::to_string(c.id) + " covers the log through event #" +
                 std::to_string(c.global_seq) + ", which no longer exists: events were deleted");
        return false;
      }
      if (HeadsDigest(c.global_seq, heads) != c.heads_digest) {
        fail(c.global_seq, "",
             "the chain heads at event #" + std::to_string(c.global_seq) +
                 " do not match signed checkpoint " + std::to_string(c.id) +
                 ": the history was rewritten or an incident deleted");
        return false;
      }
      r.covered_through = c.global_seq;
      ++next_cp;
    }
    return true;
  };

  std::int64_t expected_global = 1;
  static const std::vector<StoredEvent> kNoEvents;
  for (const StoredEvent& e : in.events ? *in.events : kNoEvents) {
    ++r.events;
    if (e.global_seq != expected_global) {
      fail(e.global_seq, e.incident_id,
           "global sequence jumps from " + std::to_string(expected_global - 1) + " to " +
               std::to_string(e.global_seq) + ": events were deleted");
      return r;
    }
    ++expected_global;
    auto& h = heads[e.incident_id];
    if (e.incident_seq != h.first + 1) {
      fail(e.global_seq, e.incident_id,
           "incident sequence jumps from " + std::to_string(h.first) + " to " +
               std::to_string(e.incident_seq) + ": events were deleted or reordered");
      return r;
    }
    if (e.prev_hash != h.second) {
      fail(e.global_seq, e.incident_id,
           "prev_hash does not match the hash of event " + std::to_string(h.first) + " of " +
               e.incident_id);
      return r;
    }
    if (ChainHash(e) != e.hash) {
      fail(e.global_seq, e.incident_id, "content does not match its hash: the event was edited");
      return r;
    }
    h = {e.incident_seq, e.hash};
    last_seq = e.global_seq;
    if (!check_checkpoints(last_seq)) return r;
  }
  if (next_cp < cps.size()) {
    const Checkpoint& c = cps[next_cp];
    fail(c.global_seq, "",
         "checkpoint " + std::to_string(c.id) + " covers the log through event #" +
             std::to_string(c.global_seq) + " but the log ends at #" + std::to_string(last_seq) +
             ": events were deleted");
    return r;
  }
  r.incidents = static_cast<std::int64_t>(heads.size());
  for (const auto& id : in.projected_incidents) {
    if (!heads.count(id)) {
      fail(0, id, "incident " + id + " is listed but has no events: its events were deleted");
      return r;
    }
  }
  return r;
}

}  // namespace warroom::store
