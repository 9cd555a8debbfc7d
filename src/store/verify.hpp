#pragma once

#include <string>
#include <vector>

#include "store/records.hpp"

namespace warroom::store {

struct VerifyReport {
  bool ok = true;
  std::int64_t events = 0;
  std::int64_t incidents = 0;
  // The first event that does not match, and what is wrong with it.
  std::int64_t first_bad_global_seq = 0;
  std::string first_bad_incident;
  std::string problem;
};

// Checks the whole log, given in global order: the global sequence is
// gap-free from 1; each incident's sequence runs 1, 2, ...; each event's
// prev_hash is the hash of its predecessor and its hash matches its content.
// `projected_incidents` are the ids the read model lists: an incident there
// with no events means its events were deleted.
VerifyReport VerifyLog(const std::vector<StoredEvent>& events,
                       const std::vector<std::string>& projected_incidents);

}  // namespace warroom::store
