#pragma once

#include <optional>
#include <string>

#include "core/incident/state.hpp"

namespace warroom::core {

// One measured interval, or why it is undefined.
struct Measure {
  std::optional<Duration> value;
  std::string undefined_reason;  // set when value is empty
};

// The spec's metrics for one incident, read off its state (and so off the
// same events as the timeline and the PIR).
struct IncidentMetrics {
  Measure mttd;               // detected (alert fired / issue reported) -> declared
  Measure mtta;               // declared -> first acknowledgment
  Measure mtti;               // investigation started (= declared) -> root cause identified
  Measure mttm;               // root cause identified -> service restored
  Measure mttr;               // declared -> (last) resolved
  Measure impact_duration;    // impact start -> service restored
  Measure incident_duration;  // declared -> (last) resolved
  bool excluded = false;      // dismissed incidents stay out of the metrics
};

IncidentMetrics ComputeMetrics(const IncidentState& s);

}  // namespace warroom::core
