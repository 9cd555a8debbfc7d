#pragma once

#include <algorithm>

#include "store/records.hpp"

namespace warroom::store {

// A repeat report `a` of the stored alert `s` (same integration, key and
// start), as every adapter applies it (AlertWrites::UpsertAlert): resolved
// is final for one firing (a late copy from another Alertmanager peer
// cannot revive it); an acknowledgment holds against repeats of firing; the
// first resolution sets the end; count, last seen, summary and annotations
// follow the report.
inline void ApplyRepeat(AlertRecord& s, const AlertRecord& a) {
  using core::AlertStatus;
  AlertStatus previous = s.status;
  if (s.status != AlertStatus::kResolved &&
      !(a.status == AlertStatus::kFiring && s.status == AlertStatus::kAcknowledged))
    s.status = a.status;
  if (a.status == AlertStatus::kResolved && previous != AlertStatus::kResolved)
    s.ends_at = a.ends_at.value_or(a.last_seen);
  s.last_seen = std::max(s.last_seen, a.last_seen);
  s.fire_count += 1;
  s.annotations = a.annotations;
  s.summary = a.summary;
}

}  // namespace warroom::store
