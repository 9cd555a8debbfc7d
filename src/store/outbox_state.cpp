#include "store/outbox_state.hpp"

#include "store/attempt_outcome.hpp"
#include "store/outbox_kind.hpp"

namespace warroom::store {

std::string_view OutboxStateName(OutboxState s) {
  switch (s) {
    case OutboxState::kPending:
      return "pending";
    case OutboxState::kDelivered:
      return "delivered";
    case OutboxState::kDead:
      return "dead";
    case OutboxState::kUnknown:
      return "unknown";
  }
  return "pending";
}

std::optional<OutboxState> ParseOutboxState(std::string_view s) {
  for (auto state :
       {OutboxState::kPending, OutboxState::kDelivered, OutboxState::kDead, OutboxState::kUnknown})
    if (OutboxStateName(state) == s) return state;
  return std::nullopt;
}

std::string_view AttemptOutcomeName(AttemptOutcome o) {
  switch (o) {
    case AttemptOutcome::kDelivered:
      return "delivered";
    case AttemptOutcome::kRetry:
      return "retry";
    case AttemptOutcome::kFailed:
      return "failed";
    case AttemptOutcome::kUnknown:
      return "unknown";
  }
  return "retry";
}

std::optional<AttemptOutcome> ParseAttemptOutcome(std::string_view s) {
  for (auto o : {AttemptOutcome::kDelivered, AttemptOutcome::kRetry, AttemptOutcome::kFailed,
                 AttemptOutcome::kUnknown})
    if (AttemptOutcomeName(o) == s) return o;
  return std::nullopt;
}

std::string_view OutboxKindName(OutboxKind k) {
  switch (k) {
    case OutboxKind::kPage:
      return "page";
    case OutboxKind::kMessage:
      return "message";
    case OutboxKind::kReminder:
      return "reminder";
    case OutboxKind::kEscalation:
      return "escalation";
    case OutboxKind::kWarRoom:
      return "war-room";
  }
  return "message";
}

std::optional<OutboxKind> ParseOutboxKind(std::string_view s) {
  for (auto k : {OutboxKind::kPage, OutboxKind::kMessage, OutboxKind::kReminder,
                 OutboxKind::kEscalation, OutboxKind::kWarRoom})
    if (OutboxKindName(k) == s) return k;
  return std::nullopt;
}

}  // namespace warroom::store
