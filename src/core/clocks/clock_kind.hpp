#pragma once

#include <array>
#include <string_view>

#include "base/result.hpp"

namespace warroom::core {

// The response requirements of a severity, each a clock.
enum class ClockKind {
  kAcknowledge,            // first responder engaged
  kUpdate,                 // the next update is due (update cadence)
  kCustomerCommunication,  // first status page or customer update
  kExecutiveNotification,  // first executive update
  kTargetResolution,       // resolved by the upper bound of the target
  kPostIncidentReview,     // PIR done (incident closed) after resolution
};
inline constexpr std::array<ClockKind, 6> kAllClockKinds = {
    ClockKind::kAcknowledge,           ClockKind::kUpdate,
    ClockKind::kCustomerCommunication, ClockKind::kExecutiveNotification,
    ClockKind::kTargetResolution,      ClockKind::kPostIncidentReview};

// "acknowledge", "update", "customer_communication", ...
std::string_view ClockKindName(ClockKind k);
Result<ClockKind> ParseClockKind(std::string_view s);

}  // namespace warroom::core
