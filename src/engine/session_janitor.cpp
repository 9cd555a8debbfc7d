#include "engine/session_janitor.hpp"

#include <spdlog/spdlog.h>

namespace warroom::engine {

Result<NextTick> SessionJanitor::Tick(TimePoint now) {
  std::int64_t forgotten = 0;
  WARROOM_RETURN_IF_ERROR(store_.WriteSync([&](store::WriteTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(forgotten, tx.ForgetSessions(now - kKeep));
    return Success();
  }));
  if (forgotten > 0)
    spdlog::info(
        "module session_janitor: forgot {} session(s) and sign-in link(s) ended over "
        "30 days ago",
        forgotten);
  return NextTick::WhenWoken().OrWithin(std::chrono::hours(1));
}

}  // namespace warroom::engine
