#pragma once

#include "base/time.hpp"

namespace warroom::core {

// The next update time an update announces: the last quarter-hour (UTC) at or
// before the deadline the cadence sets. A P1 declared at 14:23 has its next
// update due 14:53 and announces "Next update: 14:45 UTC (22 minutes)".
TimePoint AnnouncedNextUpdate(TimePoint deadline);

}  // namespace warroom::core
