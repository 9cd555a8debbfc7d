#include "core/alerts/disposition.hpp"

namespace warroom::core {

std::string_view DispositionName(Disposition d) {
  switch (d) {
    case Disposition::kTriage:
      return "triage";
    case Disposition::kIncident:
      return "incident";
    case Disposition::kDismissed:
      return "dismissed";
    case Disposition::kRecorded:
      return "recorded";
  }
  return "triage";
}

std::optional<Disposition> ParseDisposition(std::string_view s) {
  for (auto d : {Disposition::kTriage, Disposition::kIncident, Disposition::kDismissed,
                 Disposition::kRecorded})
    if (DispositionName(d) == s) return d;
  return std::nullopt;
}

}  // namespace warroom::core
