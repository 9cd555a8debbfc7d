#pragma once

#include <string>
#include <vector>

namespace warroom::core {

// What one ingest request did: what the ingest service answers and each
// sender's reply shows.
struct IngestResult {
  int received = 0;
  int created = 0;                     // new alerts
  int repeats = 0;                     // repeats of known alerts (count and last seen updated)
  std::vector<std::string> incidents;  // incidents declared or told by this request
};

}  // namespace warroom::core
