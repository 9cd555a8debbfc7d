#pragma once

#include <chrono>

#include "engine/clock_runner.hpp"
#include "engine/dispatcher.hpp"
#include "engine/module.hpp"

namespace warroom::engine {

// Module, on a database other instances write too: what they committed
// reaches this instance's modules. Every `every` of real time it schedules
// the clocks of every open incident again (an incident declared or changed
// through another instance arms or moves its clocks here) and wakes the
// dispatcher (another instance's commands queue messages). The change
// notifications (LISTEN/NOTIFY) will make this sooner; this bounds it.
class PeerRefresh final : public Module {
 public:
  PeerRefresh(ClockRunner& clocks, Dispatcher& dispatcher,
              std::chrono::steady_clock::duration every = std::chrono::seconds(2))
      : clocks_(clocks), dispatcher_(dispatcher), every_(every) {}
  std::string_view Name() const override { return "peer_refresh"; }
  Result<NextTick> Tick(TimePoint) override {
    WARROOM_RETURN_IF_ERROR(clocks_.LoadIncidents());
    dispatcher_.Wake();
    return NextTick::WhenWoken().OrWithin(every_);
  }

 private:
  ClockRunner& clocks_;
  Dispatcher& dispatcher_;
  std::chrono::steady_clock::duration every_;
};

}  // namespace warroom::engine
