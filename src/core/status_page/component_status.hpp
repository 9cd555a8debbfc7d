#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"
#include "core/severity/severity.hpp"

namespace warroom::core::status_page {

// A component's status, by the names of the hosted Statuspage API (so a
// widget that reads one reads warroom's), ordered from best to worst.
enum class ComponentStatus {
  kOperational,
  kUnderMaintenance,
  kDegradedPerformance,
  kPartialOutage,
  kMajorOutage,
};
std::string_view ComponentStatusName(ComponentStatus s);  // "operational", "partial_outage", ...
Result<ComponentStatus> ParseComponentStatus(std::string_view s);
// What a person reads: "Operational", "Partial outage", ...
std::string_view ComponentStatusLabel(ComponentStatus s);

// An incident's impact on the page (Statuspage's incident "impact").
enum class Impact { kNone, kMinor, kMajor, kCritical };
std::string_view ImpactName(Impact i);
Result<Impact> ParseImpact(std::string_view s);

// The page's roll-up (Statuspage's status.indicator), with its description.
enum class Indicator { kNone, kMinor, kMajor, kCritical, kMaintenance };
std::string_view IndicatorName(Indicator i);

}  // namespace warroom::core::status_page
