#pragma once

#include <optional>
#include <string_view>

namespace warroom::store {

// Where an outbox message is in its delivery. Stored and answered (the API's
// "state") by the names below.
enum class OutboxState {
  kPending,    // "pending": waiting for its next attempt (or leased to a dispatcher)
  kDelivered,  // "delivered": the destination accepted it
  kDead,       // "dead": refused for good, or out of attempts (a dead letter)
  kUnknown,    // "unknown": it may have arrived; not sent again on its own
};

std::string_view OutboxStateName(OutboxState s);
std::optional<OutboxState> ParseOutboxState(std::string_view s);

}  // namespace warroom::store
