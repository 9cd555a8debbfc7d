#include "store/outbox_state.hpp"

#include "base/enum_names.hpp"
#include "store/attempt_outcome.hpp"
#include "store/outbox_kind.hpp"

namespace warroom::store {
namespace {

constexpr EnumNames<OutboxState, 4> kStates{{{OutboxState::kPending, "pending"},
                                             {OutboxState::kDelivered, "delivered"},
                                             {OutboxState::kDead, "dead"},
                                             {OutboxState::kUnknown, "unknown"}}};
constexpr EnumNames<AttemptOutcome, 4> kOutcomes{{{AttemptOutcome::kDelivered, "delivered"},
                                                  {AttemptOutcome::kRetry, "retry"},
                                                  {AttemptOutcome::kFailed, "failed"},
                                                  {AttemptOutcome::kUnknown, "unknown"}}};
constexpr EnumNames<OutboxKind, 7> kKinds{{{OutboxKind::kPage, "page"},
                                           {OutboxKind::kMessage, "message"},
                                           {OutboxKind::kReminder, "reminder"},
                                           {OutboxKind::kEscalation, "escalation"},
                                           {OutboxKind::kWarRoom, "war-room"},
                                           {OutboxKind::kNotice, "notice"},
                                           {OutboxKind::kConfirmation, "confirmation"}}};

}  // namespace

std::string_view OutboxStateName(OutboxState s) { return NameIn(kStates, s, "pending"); }
std::optional<OutboxState> ParseOutboxState(std::string_view s) { return ValueIn(kStates, s); }

std::string_view AttemptOutcomeName(AttemptOutcome o) { return NameIn(kOutcomes, o, "retry"); }
std::optional<AttemptOutcome> ParseAttemptOutcome(std::string_view s) {
  return ValueIn(kOutcomes, s);
}

std::string_view OutboxKindName(OutboxKind k) { return NameIn(kKinds, k, "message"); }
std::optional<OutboxKind> ParseOutboxKind(std::string_view s) { return ValueIn(kKinds, s); }

OutboxLane LaneOf(OutboxKind k) {
  return k == OutboxKind::kNotice || k == OutboxKind::kConfirmation ? OutboxLane::kSubscribers
                                                                    : OutboxLane::kIncidents;
}
std::string_view OutboxLaneName(OutboxLane l) {
  return l == OutboxLane::kSubscribers ? "subscribers" : "incidents";
}

}  // namespace warroom::store
