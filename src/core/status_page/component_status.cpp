#include "core/status_page/component_status.hpp"

#include "base/enum_names.hpp"
#include "base/enum_parse.hpp"

namespace warroom::core::status_page {

namespace {

constexpr EnumNames<ComponentStatus, 5> kStatus{
    {{ComponentStatus::kOperational, "operational"},
     {ComponentStatus::kUnderMaintenance, "under_maintenance"},
     {ComponentStatus::kDegradedPerformance, "degraded_performance"},
     {ComponentStatus::kPartialOutage, "partial_outage"},
     {ComponentStatus::kMajorOutage, "major_outage"}}};
constexpr EnumNames<ComponentStatus, 5> kLabel{
    {{ComponentStatus::kOperational, "Operational"},
     {ComponentStatus::kUnderMaintenance, "Under maintenance"},
     {ComponentStatus::kDegradedPerformance, "Degraded performance"},
     {ComponentStatus::kPartialOutage, "Partial outage"},
     {ComponentStatus::kMajorOutage, "Major outage"}}};
constexpr EnumNames<Impact, 4> kImpact{{{Impact::kNone, "none"},
                                        {Impact::kMinor, "minor"},
                                        {Impact::kMajor, "major"},
                                        {Impact::kCritical, "critical"}}};
constexpr EnumNames<Indicator, 5> kIndicator{{{Indicator::kNone, "none"},
                                              {Indicator::kMinor, "minor"},
                                              {Indicator::kMajor, "major"},
                                              {Indicator::kCritical, "critical"},
                                              {Indicator::kMaintenance, "maintenance"}}};

}  // namespace

std::string_view ComponentStatusName(ComponentStatus s) { return NameIn(kStatus, s, "unknown"); }
std::string_view ComponentStatusLabel(ComponentStatus s) { return NameIn(kLabel, s, "Unknown"); }
Result<ComponentStatus> ParseComponentStatus(std::string_view s) {
  return ParseName(kStatus, s, "component status");
}
std::string_view ImpactName(Impact i) { return NameIn(kImpact, i, "none"); }
Result<Impact> ParseImpact(std::string_view s) { return ParseName(kImpact, s, "impact"); }
std::string_view IndicatorName(Indicator i) { return NameIn(kIndicator, i, "none"); }

}  // namespace warroom::core::status_page
