#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"
#include "store/records.hpp"

namespace warroom::store {

// The incident list's read model (written with the events it reflects) and
// the per-day incident numbering.
class IncidentReads {
 public:
  virtual ~IncidentReads() = default;
  // The rows matching `f`, newest declaration first (ties: the later
  // declared first), `f.limit` from `f.offset` (a negative limit: all).
  // `f.text` matches the summary or id as a substring, ASCII letters in any
  // case, with no wildcards. Restricted incidents are listed only to admins,
  // their participants, or with `f.ignore_visibility`.
  virtual Result<std::vector<IncidentRow>> ListIncidents(const IncidentFilter& f) = 0;
};

class IncidentWrites {
 public:
  virtual ~IncidentWrites() = default;
  // The next id of the day of `declared_at` (UTC): INC-YYYY-MM-DD-NNN, the
  // counter widening past 999 rather than wrapping. A rolled-back write
  // gives its number back.
  virtual Result<std::string> NextIncidentId(TimePoint declared_at) = 0;
  // Inserts the row or replaces every field of the one with its id, except
  // declared_at and the position in the declaration order, which stay.
  virtual Outcome UpsertIncident(const IncidentRow& row) = 0;
};

}  // namespace warroom::store
