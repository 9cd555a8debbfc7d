#include "core/metrics/metric_name.hpp"

#include <string>

namespace warroom::core {

namespace {

constexpr std::string_view kNames[] = {"mttd", "mtta", "mtti", "mttm", "mttr"};

}  // namespace

std::string_view MetricNameText(MetricName m) { return kNames[static_cast<int>(m)]; }

Result<MetricName> ParseMetricName(std::string_view s) {
  for (MetricName m : kMetricNames)
    if (MetricNameText(m) == s) return m;
  return Error::InvalidArgument("'" + std::string(s) +
                                "' is not a metric: use mttd, mtta, mtti, mttm or mttr");
}

}  // namespace warroom::core
