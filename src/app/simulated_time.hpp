#pragma once

#include <functional>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "engine/caller.hpp"
#include "engine/change_bus.hpp"
#include "engine/module_runner.hpp"
#include "store/store.hpp"

namespace warroom::app {

// Simulated time lives in the database (store/simulated_time.hpp). At
// start: a database that kept a later time than --clock's goes on from it
// (a restart, or another instance of the same test or drill), else the
// flag's time is kept there. Nothing for a real clock.
Outcome AdoptSimulatedTime(store::Store& store, Clock& clock);

// The module runner's time keeper: each time an Advance stops at is kept,
// `clock` (simulated) set to it, and then announced, here and to the other
// instances.
std::function<Outcome(TimePoint)> SimulatedTimeKeeper(store::Store& store, Clock& clock,
                                                      engine::ChangeBus& bus);

// POST /api/v1/clock/advance: the runner advances (ticking what is due on
// the way), then the new time is kept with the caller's Idempotency-Key
// answer, in one write.
void AdvanceClock(store::Store& store, engine::ModuleRunner& modules, const engine::Caller& caller,
                  Duration by, std::function<void(Result<TimePoint>)> done);

}  // namespace warroom::app
