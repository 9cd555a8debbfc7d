#include "app/simulated_time.hpp"

#include <spdlog/spdlog.h>

#include "engine/request_scope.hpp"

namespace warroom::app {

Outcome AdoptSimulatedTime(store::Store& store, Clock& clock) {
  auto* sim = dynamic_cast<SimulatedClock*>(&clock);
  if (!sim) return Success();
  TimePoint kept;
  WARROOM_RETURN_IF_ERROR(store.WriteSync([&](store::WriteTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(kept, tx.AdvanceSimulatedNow(sim->Now()));
    return Success();
  }));
  if (kept > sim->Now()) {
    spdlog::info("simulated time goes on at {}, as the database kept it (later than --clock's {})",
                 FormatTime(kept), FormatTime(sim->Now()));
    sim->Set(kept);
  }
  return Success();
}

std::function<Outcome(TimePoint)> SimulatedTimeKeeper(store::Store& store, Clock& clock,
                                                      engine::ChangeBus& bus) {
  auto* sim = dynamic_cast<SimulatedClock*>(&clock);
  return [&store, sim, &bus](TimePoint t) -> Outcome {
    WARROOM_RETURN_IF_ERROR(store.WriteSync([t](store::WriteTx& tx) -> Outcome {
      WARROOM_ASSIGN_OR_RETURN(TimePoint kept, tx.AdvanceSimulatedNow(t));
      (void)kept;
      return Success();
    }));
    // The clock moves before the change is announced: what a listener
    // builds on hearing it (the status page) reads the new time.
    if (sim && t > sim->Now()) sim->Set(t);
    bus.Publish(engine::ChangeKind::kClock);
    return Success();
  };
}

void AdvanceClock(store::Store& store, engine::ModuleRunner& modules, const engine::Caller& caller,
                  Duration by, std::function<void(Result<TimePoint>)> done) {
  modules.Advance(by, [&store, caller, done = std::move(done)](Result<TimePoint> r) {
    if (!r.ok()) return done(r.error());
    TimePoint t = *r;
    store.Write(
        [caller, t](store::WriteTx& tx) -> Outcome {
          WARROOM_ASSIGN_OR_RETURN(TimePoint kept, tx.AdvanceSimulatedNow(t));
          (void)kept;
          return engine::RecordAnswer(tx, caller, t);
        },
        [t, done](Outcome o) {
          if (!o.ok()) return done(o.error());
          done(t);
        });
  });
}

}  // namespace warroom::app
