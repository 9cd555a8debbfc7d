#pragma once

#include <optional>

#include "base/time.hpp"

namespace warroom::ingest {

// Senders' times are trusted leniently but bounded: an alert is never
// refused for a skewed clock (Alertmanager does not retry a 4xx, so the alert
// would be lost), but a start before 2000-01-01 or more than 60 s ahead of
// the server's clock is taken as "now", so that MTTD and the clocks stay
// meaningful. An end outside [2000-01-01, 2100-01-01) is no end.
TimePoint BoundedStart(TimePoint start, TimePoint now);
std::optional<TimePoint> BoundedEnd(TimePoint end);

}  // namespace warroom::ingest
