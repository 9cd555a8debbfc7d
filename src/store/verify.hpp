#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/checkpoint.hpp"
#include "store/records.hpp"

namespace warroom::store {

struct VerifyReport {
  bool ok = true;
  std::int64_t events = 0;
  std::int64_t incidents = 0;           // chains of incidents
  std::int64_t admin_events = 0;        // events of the administration chain (not an incident)
  std::int64_t status_page_events = 0;  // events of the status-page chain (not an incident)
  std::int64_t checkpoints = 0;
  std::int64_t covered_through = 0;  // the last global_seq a valid checkpoint covers
  // The first event that does not match, and what is wrong with it.
  std::int64_t first_bad_global_seq = 0;
  std::string first_bad_incident;
  std::string problem;
};

struct VerifyInput {
  const std::vector<StoredEvent>* events = nullptr;  // in global order
  std::vector<std::string> projected_incidents;      // ids the read model lists
  const std::vector<Checkpoint>* checkpoints = nullptr;
  // The key whose signatures count; without it signatures are checked against
  // the public key each checkpoint names (which proves nothing about who made it).
  std::optional<std::array<unsigned char, 32>> trusted_key;
};

// Checks the whole log: the global sequence is gap-free from 1; each
// incident's sequence runs 1, 2, ...; each event's prev_hash is the hash of
// its predecessor and its hash matches its content; every checkpoint is
// signed by the trusted key and matches the chain heads at its point of the
// log (so a deleted tail, a deleted incident or a history recomputed from
// scratch shows); an incident the read model lists has events.
VerifyReport VerifyLog(const VerifyInput& in);

}  // namespace warroom::store
