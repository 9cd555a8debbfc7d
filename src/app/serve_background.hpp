#pragma once

// The background modules of `warroom serve` (clock runner, dispatcher,
// checkpointer, request and session janitors, action-item reminders, and on a shared database the
// peer refresh and the simulated time follower) under one runner, on the server's clock.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "base/clock.hpp"
#include "engine/action_item_reminders.hpp"
#include "engine/change_bus.hpp"
#include "engine/checkpointer.hpp"
#include "engine/clock_runner.hpp"
#include "engine/dispatcher.hpp"
#include "engine/incident_service.hpp"
#include "engine/module_runner.hpp"
#include "engine/peer_refresh.hpp"
#include "engine/request_log.hpp"
#include "engine/session_janitor.hpp"
#include "engine/simulated_time_follower.hpp"
#include "store/checkpoint.hpp"
#include "store/fenced_store.hpp"
#include "store/store.hpp"

namespace warroom::app {

// Background work: every module under one runner, on the server's clock.
// A commit wakes the module it made work due for.
struct Background {
  Background(store::Store& store, engine::IncidentService& incidents, std::shared_ptr<Clock> clock,
             std::map<std::string, engine::Destination> destinations, store::SigningKey key,
             engine::ChangeBus& bus);
  // The clocks of every incident scheduled, the delivery workers and the
  // runner started; the store's error when the clocks cannot be loaded.
  // `shared`: other instances write the database too: the modules wait,
  // paused, until SetHeld(true) says this instance holds the lease, and
  // leases of outbox messages are left until then (they may be the live
  // holder's).
  Outcome Start(bool shared);
  // The lease gained (the clocks as the database has them now, the former
  // holder's outbox claims released, then the modules resumed) or lost
  // (paused: another instance takes over).
  void SetHeld(bool now_held, const std::string& instance, std::int64_t epoch);
  // The runner first (no tick after it), then the workers; the last
  // checkpoint covers the whole log, as `warroom verify` expects (signed by
  // the instance that runs the modules).
  void Stop();

  engine::ChangeBus& bus;
  // The dispatcher's and checkpointer's store: on a shared database their
  // writes check the lease's epoch in their own transaction.
  store::FencedStore fenced;
  engine::ClockRunner clocks;
  engine::Dispatcher dispatcher;
  // The status page's subscribers, on an outbox lane and workers of their
  // own: thousands of notices never hold up a page.
  engine::Dispatcher subscriber_dispatcher;
  engine::Checkpointer checkpointer;
  engine::PeerRefresh peers{clocks, dispatcher};
  engine::RequestJanitor janitor{fenced};
  engine::SessionJanitor session_janitor{fenced};
  engine::ActionItemReminders reminders;
  std::atomic<bool> held{true};
  engine::ModuleRunner modules;  // after its modules: destroyed first
  engine::SimulatedTimeFollower follower;
  bool simulated = false;
};

}  // namespace warroom::app
