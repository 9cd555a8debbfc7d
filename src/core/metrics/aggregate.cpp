#include "core/metrics/aggregate.hpp"

#include <algorithm>

namespace warroom::core {

MetricAggregate AggregateMetric(const std::vector<MetricSample>& samples, MetricName m,
                                std::optional<Duration> target) {
  MetricAggregate a;
  a.metric = m;
  a.target = target;
  std::vector<Duration> values;
  values.reserve(samples.size());
  for (const MetricSample& s : samples) {
    const Measure& measure = MeasureOf(s.metrics, m);
    if (!measure.value) {
      ++a.undefined;
      continue;
    }
    values.push_back(*measure.value);
    if (target && *measure.value >= *target) a.over_target.push_back(s.incident_id);
  }
  a.count = static_cast<int>(values.size());
  if (values.empty()) return a;
  std::sort(values.begin(), values.end());
  // Summed in a wider type: a quarter of long incidents in microseconds
  // stays far inside 64 bits, but the mean of sums should not depend on it.
  long double sum = 0;
  for (Duration d : values) sum += static_cast<long double>(d.count());
  a.mean = Duration(static_cast<Duration::rep>(sum / values.size()));
  std::size_t n = values.size();
  a.median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  std::size_t rank = (n * 9 + 9) / 10;  // ceil(0.9 n), at least 1
  a.p90 = values[rank - 1];
  a.min = values.front();
  a.max = values.back();
  if (target) a.mean_within_target = *a.mean < *target;
  return a;
}

std::optional<Duration> TargetOf(const Policy& policy, MetricName m, Severity severity) {
  for (const MetricTarget& t : policy.targets)
    if (t.metric == MetricNameText(m) && t.severity == severity) return t.below;
  return std::nullopt;
}

MetricsBySeverity AggregateBySeverity(const std::vector<MetricSample>& samples,
                                      const Policy& policy) {
  MetricsBySeverity out;
  std::array<std::vector<MetricSample>, 4> by;
  for (const MetricSample& s : samples) by[static_cast<int>(s.severity)].push_back(s);
  for (int sev = 0; sev < 4; ++sev) {
    out.incidents[sev] = static_cast<int>(by[sev].size());
    for (MetricName m : kMetricNames)
      out.cells[sev][static_cast<int>(m)] =
          AggregateMetric(by[sev], m, TargetOf(policy, m, static_cast<Severity>(sev)));
  }
  return out;
}

}  // namespace warroom::core
