#include "core/alerts/alert.hpp"

namespace warroom::core {

std::string_view AlertStatusName(AlertStatus s) {
  switch (s) {
    case AlertStatus::kFiring:
      return "firing";
    case AlertStatus::kAcknowledged:
      return "acknowledged";
    case AlertStatus::kResolved:
      return "resolved";
  }
  return "firing";
}

std::optional<AlertStatus> ParseAlertStatus(std::string_view s) {
  for (AlertStatus a : {AlertStatus::kFiring, AlertStatus::kAcknowledged, AlertStatus::kResolved})
    if (AlertStatusName(a) == s) return a;
  return std::nullopt;
}

const std::string* Find(const LabelPairs& pairs, std::string_view name) {
  for (const auto& [k, v] : pairs)
    if (k == name) return &v;
  return nullptr;
}

}  // namespace warroom::core
