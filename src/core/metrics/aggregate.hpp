#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/metrics/incident_metrics.hpp"
#include "core/severity/policy.hpp"

namespace warroom::core {

// One incident as the reports count it.
struct MetricSample {
  std::string incident_id;
  Severity severity = Severity::kP0;
  IncidentMetrics metrics;
};

// One metric over a set of incidents. The incidents whose metric is
// undefined (never acknowledged, mitigated before a root cause, ...) are
// counted apart and left out of the figures; the target (the policy's, at
// one severity) judges the mean, as the spec states its targets ("P0 MTTR:
// < 4 hours"), and the incidents over it are named.
struct MetricAggregate {
  MetricName metric = MetricName::kMttr;
  int count = 0;      // incidents with a value
  int undefined = 0;  // incidents without one
  std::optional<Duration> mean, median, p90, min, max;
  std::optional<Duration> target;
  std::optional<bool> mean_within_target;  // set with a target and a mean
  std::vector<std::string> over_target;    // ids whose value is not below the target, in order
};

// The aggregate of `m` over `samples` (every one counted, whatever its
// severity), against `target` when given. Median: the middle value, or the
// mean of the two middle ones; p90: the nearest rank (the smallest value
// with at least 90 % of the values at or below it).
MetricAggregate AggregateMetric(const std::vector<MetricSample>& samples, MetricName m,
                                std::optional<Duration> target = std::nullopt);

// The policy's target for `m` at `severity`, if it has one.
std::optional<Duration> TargetOf(const Policy& policy, MetricName m, Severity severity);

// Every metric by severity: the aggregate of each severity's samples
// against its target. Indexed [severity][metric], in kMetricNames' order.
struct MetricsBySeverity {
  std::array<std::array<MetricAggregate, 5>, 4> cells;
  std::array<int, 4> incidents{};  // samples per severity
  const MetricAggregate& At(Severity s, MetricName m) const {
    return cells[static_cast<int>(s)][static_cast<int>(m)];
  }
};
MetricsBySeverity AggregateBySeverity(const std::vector<MetricSample>& samples,
                                      const Policy& policy);

}  // namespace warroom::core
