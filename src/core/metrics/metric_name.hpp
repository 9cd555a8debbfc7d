#pragma once

#include <string_view>

#include "base/result.hpp"

namespace warroom::core {

// The spec's five response metrics ("Metrics & Reporting"), by name.
enum class MetricName { kMttd, kMtta, kMtti, kMttm, kMttr };
inline constexpr MetricName kMetricNames[] = {
    MetricName::kMttd, MetricName::kMtta, MetricName::kMtti, MetricName::kMttm, MetricName::kMttr};
std::string_view MetricNameText(MetricName m);  // "mttd", ...
Result<MetricName> ParseMetricName(std::string_view s);

}  // namespace warroom::core
