#pragma once

#include <optional>
#include <string_view>

namespace warroom::store {

// How one delivery attempt of an outbox message ended. Stored and answered
// (the API's attempts' "outcome") by the names below.
enum class AttemptOutcome {
  kDelivered,  // "delivered": the destination accepted it
  kRetry,      // "retry": a passing failure; tried again later (or dead when out of attempts)
  kFailed,     // "failed": a permanent refusal
  kUnknown,    // "unknown": no final answer (a timeout after the message was sent)
};

std::string_view AttemptOutcomeName(AttemptOutcome o);
std::optional<AttemptOutcome> ParseAttemptOutcome(std::string_view s);

}  // namespace warroom::store
