#include "engine/request_log.hpp"

#include <spdlog/spdlog.h>
#include <memory>

namespace warroom::engine {

void RequestLog::Find(const std::string& caller, const std::string& key,
                      std::function<void(Result<std::optional<store::RequestRecord>>)> done) {
  auto out = std::make_shared<std::optional<store::RequestRecord>>();
  store_.Read(
      [caller, key, out](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*out, tx.FindRequest(caller, key));
        return Success();
      },
      [store = &store_, out, done = std::move(done)](Outcome r) mutable {
        if (!r.ok()) return done(r.error());
        if (!*out) return done(std::optional<store::RequestRecord>());
        // A replay answers the original write as done: only once it is
        // durable (store.hpp's Read). An empty write is durable after every
        // commit before it.
        store->Write([](store::WriteTx&) -> Outcome { return Success(); },
                     [out, done = std::move(done)](Outcome w) {
                       if (!w.ok()) return done(w.error());
                       done(std::move(*out));
                     });
      });
}

Result<NextTick> RequestJanitor::Tick(TimePoint now) {
  std::int64_t forgotten = 0;
  WARROOM_RETURN_IF_ERROR(store_.WriteSync([&](store::WriteTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(forgotten, tx.ForgetRequests(now - RequestLog::kKeep));
    return Success();
  }));
  if (forgotten > 0)
    spdlog::info("module request_janitor: forgot {} idempotency record(s) older than 24h",
                 forgotten);
  return NextTick::WhenWoken().OrWithin(std::chrono::hours(1));
}

}  // namespace warroom::engine
