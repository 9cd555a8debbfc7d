#include "core/alerts/alert.hpp"

#include "base/enum_names.hpp"

namespace warroom::core {

namespace {

constexpr EnumNames<AlertStatus, 3> kStatusNames{{{AlertStatus::kFiring, "firing"},
                                                  {AlertStatus::kAcknowledged, "acknowledged"},
                                                  {AlertStatus::kResolved, "resolved"}}};

}  // namespace

std::string_view AlertStatusName(AlertStatus s) { return NameIn(kStatusNames, s, "firing"); }

std::optional<AlertStatus> ParseAlertStatus(std::string_view s) { return ValueIn(kStatusNames, s); }

const std::string* Find(const LabelPairs& pairs, std::string_view name) {
  for (const auto& [k, v] : pairs)
    if (k == name) return &v;
  return nullptr;
}

}  // namespace warroom::core
