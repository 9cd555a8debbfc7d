#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "store/checkpoint.hpp"
#include "store/records.hpp"

namespace warroom::store {

// The event log: hash-chained per incident, numbered gap-free globally, and
// the signed checkpoints over its chain heads. Every read fails only for
// storage (kInternal or kUnavailable from the adapter); the caller owns what
// it is answered.
class EventReads {
 public:
  virtual ~EventReads() = default;
  // The incident's events after `after_seq` in incident_seq order: all of
  // them after 0; empty when it does not exist. A reader that holds the
  // state as of some head reads only what was appended since (another
  // instance's appends cost what they added, not the whole timeline).
  virtual Result<std::vector<StoredEvent>> LoadEventsAfter(const std::string& incident_id,
                                                           std::int64_t after_seq) = 0;
  // The incident's events in incident_seq order; empty when it does not exist.
  Result<std::vector<StoredEvent>> LoadEvents(const std::string& incident_id) {
    return LoadEventsAfter(incident_id, 0);
  }
  // The head of one incident's chain: (incident_seq, hash), or nullopt when
  // the incident has no events.
  virtual Result<std::optional<std::pair<std::int64_t, Hash>>> ChainHead(
      const std::string& incident_id) = 0;
  // Every incident's events after `after_global_seq`, in global_seq order,
  // at most `limit`: what a live stream has not sent yet (numbers are
  // committed in order, so nothing below the last one read appears later).
  virtual Result<std::vector<StoredEvent>> LoadLogAfter(std::int64_t after_global_seq,
                                                        int limit) = 0;
  // The global sequence of the last event (0 for an empty log).
  virtual Result<std::int64_t> LastGlobalSeq() = 0;
  // Every incident's chain head at this point of the log.
  virtual Result<ChainHeads> LoadChainHeads() = 0;
  // The newest checkpoint (the highest id), or nullopt when none was made.
  virtual Result<std::optional<Checkpoint>> LastCheckpoint() = 0;
};

class EventWrites {
 public:
  virtual ~EventWrites() = default;
  // Appends to the incident's chain and answers the event as stored: the
  // next incident_seq, the next global_seq (gap-free: a rolled-back write
  // takes no number), prev_hash = the chain's head (zeros for the first) and
  // hash = ChainHash. `expected_seq` is the incident_seq the caller last saw
  // (0 for a new incident): a mismatch is kConflict and appends nothing.
  virtual Result<StoredEvent> Append(const NewEvent& e, std::int64_t expected_seq) = 0;
  // Stores a checkpoint (its id is ignored: the store numbers them 1, 2, ...).
  virtual Outcome InsertCheckpoint(const Checkpoint& c) = 0;
};

}  // namespace warroom::store
