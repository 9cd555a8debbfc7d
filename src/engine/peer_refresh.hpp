#pragma once

#include <chrono>
#include <mutex>
#include <set>
#include <string>

#include "engine/change_bus.hpp"
#include "engine/clock_runner.hpp"
#include "engine/dispatcher.hpp"
#include "engine/module.hpp"

namespace warroom::engine {

// Module, on a database other instances write too: what they committed
// reaches this instance's modules (it runs where they run, on the holder of
// the background lease). Their change announcements (ChangeBus) wake it:
// an incident changed elsewhere has its clocks scheduled again, queued
// messages wake the dispatcher. Announcements can be lost (a dropped
// connection), so every `every` of real time it schedules the clocks of
// every open incident again and wakes the dispatcher regardless.
//
// Incidents changed elsewhere are loaded at most once per `gap`, however
// often they change: a busy peer (thousands of notes a second on a few
// dozen incidents) then costs a few reads per incident a second here, not
// one per change. Clocks run minutes; a quarter second of delay is nothing
// to them, and a breach is checked against the state inside its own write.
class PeerRefresh final : public Module {
 public:
  PeerRefresh(ClockRunner& clocks, Dispatcher& dispatcher,
              std::chrono::steady_clock::duration every = std::chrono::seconds(10),
              std::chrono::steady_clock::duration gap = std::chrono::milliseconds(250))
      : clocks_(clocks), dispatcher_(dispatcher), every_(every), gap_(gap) {}
  std::string_view Name() const override { return "peer_refresh"; }
  Result<NextTick> Tick(TimePoint now) override;

  // A peer's announcement (a ChangeBus listener: cheap, never blocks).
  void Heard(const Change& c);

 private:
  ClockRunner& clocks_;
  Dispatcher& dispatcher_;
  std::chrono::steady_clock::duration every_;
  std::chrono::steady_clock::duration gap_;
  std::mutex mu_;
  bool armed_ = false;  // woken, or a tick is due within the gap: no more wakes
  std::chrono::steady_clock::time_point last_loads_{};  // when changed incidents were last loaded
  std::set<std::string> incidents_;                     // changed elsewhere since the last tick
  bool everything_ = true;                              // the first tick loads all
  std::chrono::steady_clock::time_point last_full_{};
};

}  // namespace warroom::engine
