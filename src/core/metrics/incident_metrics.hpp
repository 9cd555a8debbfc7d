#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/incident/state.hpp"
#include "core/metrics/metric_name.hpp"
#include "core/severity/policy.hpp"

namespace warroom::core {

// One measured interval, or why it is undefined.
struct Measure {
  std::optional<Duration> value;
  std::string undefined_reason;  // set when value is empty
  // The policy's target for this metric at the incident's severity ("P0
  // MTTR < 4 h"), when it has one.
  std::optional<Duration> target;
  // value < target; empty without a value or a target.
  std::optional<bool> within_target;

  static Measure Of(Duration d) { return Measure{d, {}, std::nullopt, std::nullopt}; }
  static Measure Undefined(std::string why) {
    return Measure{std::nullopt, std::move(why), std::nullopt, std::nullopt};
  }
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

// The incident's measure of `m`.
const Measure& MeasureOf(const IncidentMetrics& metrics, MetricName m);
Measure& MeasureOf(IncidentMetrics& metrics, MetricName m);

// `policy`, when given, supplies the metric targets of the incident's severity.
IncidentMetrics ComputeMetrics(const IncidentState& s, const Policy* policy = nullptr);

}  // namespace warroom::core
