#include "engine/action_item_reminders.hpp"

#include <future>

namespace warroom::engine {

Result<NextTick> ActionItemReminders::Tick(TimePoint now) {
  const std::string today = FormatDate(now);
  for (;;) {
    store::ActionItemFilter f;
    f.unreminded_on = today;
    f.ignore_visibility = true;
    f.limit = kBatch;
    std::vector<store::ActionItemRow> due;
    WARROOM_RETURN_IF_ERROR(store_.ReadSync([&](store::ReadTx& tx) -> Outcome {
      WARROOM_ASSIGN_OR_RETURN(due, tx.ListActionItems(f));
      return Success();
    }));
    if (due.empty()) break;
    // All of the batch at once: the writer folds them into one commit.
    std::vector<std::promise<Result<IncidentView>>> results(due.size());
    for (std::size_t i = 0; i < due.size(); ++i)
      incidents_.RemindActionItem(due[i].incident_id, due[i].item.id, now,
                                  [&results, i](auto r) { results[i].set_value(std::move(r)); });
    std::size_t progressed = 0;
    std::optional<Error> failure;
    for (auto& r : results) {
      auto outcome = r.get_future().get();
      if (outcome.ok()) {
        ++reminded_;
        ++progressed;
      } else if (outcome.error().code == ErrorCode::kAlreadyExists ||
                 outcome.error().code == ErrorCode::kFailedPrecondition) {
        ++progressed;  // another instance, or the item changed meanwhile
      } else if (!failure) {
        failure = outcome.error();
      }
    }
    // A store that fails is tried again after the runner's retry delay.
    if (failure) return *failure;
    if (due.size() < static_cast<std::size_t>(kBatch) || progressed == 0) break;
  }
  TimePoint midnight = std::chrono::floor<std::chrono::days>(now) + std::chrono::days(1);
  return NextTick::At(midnight).OrWithin(std::chrono::hours(1));
}

}  // namespace warroom::engine
