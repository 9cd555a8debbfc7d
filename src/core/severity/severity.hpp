#pragma once

#include <array>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace warroom::core {

// The spec's four severity levels. Lower number, more urgent.
enum class Severity {
  kP0 = 0,  // Critical (SEV-1): complete or near-complete outage
  kP1 = 1,  // High (SEV-2): major degradation or a critical feature unavailable
  kP2 = 2,  // Medium (SEV-3): partial degradation, a subset of customers
  kP3 = 3,  // Low (SEV-4): minor, cosmetic or isolated issues
};

inline constexpr std::array<Severity, 4> kAllSeverities = {Severity::kP0, Severity::kP1,
                                                           Severity::kP2, Severity::kP3};

// "P0".."P3": the canonical name used in events and the API.
std::string_view SeverityName(Severity s);
// "SEV-1".."SEV-4".
std::string_view SeverityAlias(Severity s);
// Accepts P0..P3 and SEV-1..SEV-4 (case-insensitive, "SEV1" too).
Result<Severity> ParseSeverity(std::string_view text);

}  // namespace warroom::core
