#include "store/verify.hpp"

#include "core/incident/event.hpp"
#include "store/event_chain.hpp"

namespace warroom::store {

namespace {

// One pass over the log: the chain heads so far, the next checkpoint to
// check and the report. Each Check* returns false after recording the first
// problem it finds (the pass stops there).
struct Verifier {
  Verifier(const VerifyInput& input, const std::vector<Checkpoint>& checkpoints)
      : in(input), cps(checkpoints) {}

  const VerifyInput& in;
  const std::vector<Checkpoint>& cps;
  VerifyReport r;
  ChainHeads heads;
  std::size_t next_cp = 0;
  std::int64_t expected_global = 1;

  void Fail(std::int64_t seq, std::string incident, std::string why) {
    r.ok = false;
    r.first_bad_global_seq = seq;
    r.first_bad_incident = std::move(incident);
    r.problem = std::move(why);
  }

  // Checkpoint `c`, reached at event `seq`: signed by the trusted key, at an
  // event that exists, over the chain heads as they are.
  bool CheckCheckpoint(const Checkpoint& c, std::int64_t seq) {
    const auto& key = in.trusted_key ? *in.trusted_key : c.public_key;
    if (!VerifySignature(key, CheckpointMessage(c.global_seq, c.created_at, c.heads_digest),
                         c.signature)) {
      Fail(c.global_seq, "",
           "checkpoint " + std::to_string(c.id) + " is not signed by the trusted key");
      return false;
    }
    if (c.global_seq != seq) {
      Fail(c.global_seq, "",
           "checkpoint " + std::to_string(c.id) + " covers the log through event #" +
               std::to_string(c.global_seq) + ", which no longer exists: events were deleted");
      return false;
    }
    if (HeadsDigest(c.global_seq, heads) != c.heads_digest) {
      Fail(c.global_seq, "",
           "the chain heads at event #" + std::to_string(c.global_seq) +
               " do not match signed checkpoint " + std::to_string(c.id) +
               ": the history was rewritten or an incident deleted");
      return false;
    }
    return true;
  }

  // Checks every checkpoint that covers the log up to `seq`.
  bool CheckCheckpoints(std::int64_t seq) {
    while (next_cp < cps.size() && cps[next_cp].global_seq <= seq) {
      const Checkpoint& c = cps[next_cp];
      if (!CheckCheckpoint(c, seq)) return false;
      r.covered_through = c.global_seq;
      ++next_cp;
    }
    return true;
  }

  // The next event: in both sequences, chained to its predecessor, its hash
  // its content's. Its incident's head moves on to it.
  bool CheckEvent(const StoredEvent& e) {
    if (e.global_seq != expected_global) {
      Fail(e.global_seq, e.incident_id,
           "global sequence jumps from " + std::to_string(expected_global - 1) + " to " +
               std::to_string(e.global_seq) + ": events were deleted");
      return false;
    }
    ++expected_global;
    auto& h = heads[e.incident_id];
    if (e.incident_seq != h.first + 1) {
      Fail(e.global_seq, e.incident_id,
           "incident sequence jumps from " + std::to_string(h.first) + " to " +
               std::to_string(e.incident_seq) + ": events were deleted or reordered");
      return false;
    }
    if (e.prev_hash != h.second) {
      Fail(e.global_seq, e.incident_id,
           "prev_hash does not match the hash of event " + std::to_string(h.first) + " of " +
               e.incident_id);
      return false;
    }
    if (ChainHash(e) != e.hash) {
      Fail(e.global_seq, e.incident_id, "content does not match its hash: the event was edited");
      return false;
    }
    h = {e.incident_seq, e.hash};
    return true;
  }

  // No checkpoint is left past the log's end `last_seq`.
  bool CheckNoCheckpointBeyond(std::int64_t last_seq) {
    if (next_cp >= cps.size()) return true;
    const Checkpoint& c = cps[next_cp];
    Fail(c.global_seq, "",
         "checkpoint " + std::to_string(c.id) + " covers the log through event #" +
             std::to_string(c.global_seq) + " but the log ends at #" + std::to_string(last_seq) +
             ": events were deleted");
    return false;
  }

  // Every incident the read model lists has events.
  void CheckProjectedIncidents() {
    for (const auto& id : in.projected_incidents) {
      if (!heads.count(id)) {
        Fail(0, id, "incident " + id + " is listed but has no events: its events were deleted");
        return;
      }
    }
  }
};

}  // namespace

VerifyReport VerifyLog(const VerifyInput& in) {
  static const std::vector<Checkpoint> kNone;
  static const std::vector<StoredEvent> kNoEvents;
  Verifier v(in, in.checkpoints ? *in.checkpoints : kNone);
  v.r.checkpoints = static_cast<std::int64_t>(v.cps.size());
  std::int64_t last_seq = 0;
  for (const StoredEvent& e : in.events ? *in.events : kNoEvents) {
    ++v.r.events;
    if (!v.CheckEvent(e)) return v.r;
    last_seq = e.global_seq;
    if (!v.CheckCheckpoints(last_seq)) return v.r;
  }
  if (!v.CheckNoCheckpointBeyond(last_seq)) return v.r;
  v.r.incidents = static_cast<std::int64_t>(v.heads.size());
  if (auto it = v.heads.find(std::string(core::events::kAdminChain)); it != v.heads.end()) {
    --v.r.incidents;
    v.r.admin_events = it->second.first;
  }
  if (auto it = v.heads.find(std::string(core::events::kStatusPageChain)); it != v.heads.end()) {
    --v.r.incidents;
    v.r.status_page_events = it->second.first;
  }
  v.CheckProjectedIncidents();
  return v.r;
}

}  // namespace warroom::store
