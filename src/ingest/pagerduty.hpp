#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/records.hpp"

namespace warroom::ingest {

// One PagerDuty Events API v2 event (POST /v2/enqueue), read.
struct PagerDutyEvent {
  std::string routing_key;  // the integration key
  std::string dedup_key;    // given, or made up for a trigger without one
  store::AlertRecord alert;
};

// Reads an event. On a bad event, `errors` lists every problem in PagerDuty's
// words (answered as 400 {"status": "invalid event", "errors": [...]}).
// `make_key` supplies a dedup_key for a trigger that has none.
Result<PagerDutyEvent> ParsePagerDuty(std::string_view body, TimePoint now,
                                      std::vector<std::string>& errors,
                                      const std::string& generated_dedup_key);

}  // namespace warroom::ingest
