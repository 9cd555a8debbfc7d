#include "app/serve_background.hpp"

#include <spdlog/spdlog.h>

#include "app/simulated_time.hpp"

namespace warroom::app {

Background::Background(store::Store& store, engine::IncidentService& incidents,
                       std::shared_ptr<Clock> clock,
                       std::map<std::string, engine::Destination> destinations,
                       store::SigningKey key, engine::ChangeBus& bus)
    : bus(bus),
      fenced(store),
      clocks(incidents, clock),
      dispatcher(fenced, incidents, clock, destinations),
      subscriber_dispatcher(fenced, incidents, clock, std::move(destinations),
                            store::OutboxLane::kSubscribers),
      checkpointer(fenced, *clock, std::move(key)),
      reminders(fenced, incidents),
      modules(clock),
      follower(store, clock, modules) {
  // Breaches and the other records warroom makes itself are fenced too.
  incidents.SetBackgroundStore(&fenced);
  simulated = clock->IsSimulated();
  if (simulated) modules.SetTimeKeeper(SimulatedTimeKeeper(store, *clock, bus));
  incidents.SetCommitHook(
      [this](const core::IncidentState& s, const std::vector<core::ClockView>& views) {
        clocks.Schedule(s, views);
      });
}

Outcome Background::Start(bool shared) {
  dispatcher.Start(/*sole=*/!shared);  // releases both lanes' leases when sole
  subscriber_dispatcher.Start(/*sole=*/false);
  WARROOM_RETURN_IF_ERROR(clocks.LoadIncidents());
  modules.Add(clocks);
  modules.Add(dispatcher);
  modules.Add(subscriber_dispatcher);
  modules.Add(checkpointer);
  modules.Add(janitor);
  modules.Add(session_janitor);
  modules.Add(reminders);
  if (shared) {
    modules.Add(peers);
    modules.SetPaused(true);
    // What other instances commit: their announcements wake what must
    // refresh here (this instance's own changes reach its modules directly).
    bus.Subscribe([this](const engine::Change& c) {
      peers.Heard(c);
      // Notices another instance queued (an update, a subscription).
      if (c.from_peer) subscriber_dispatcher.Wake();
      if (c.from_peer &&
          (c.kind == engine::ChangeKind::kClock || c.kind == engine::ChangeKind::kEverything))
        follower.Wake();
    });
  }
  held = !shared;
  modules.Start();
  // Another instance may advance simulated time: this one follows.
  if (shared && simulated) follower.Start();
  spdlog::info("clock runner: {} clock(s) scheduled", clocks.scheduled());
  return Success();
}

void Background::SetHeld(bool now_held, const std::string& instance, std::int64_t epoch) {
  // The epoch's fence first: no module write of this term goes unchecked.
  if (now_held) fenced.SetFence({"background", instance, epoch});
  held = now_held;
  if (now_held) {
    if (auto r = clocks.LoadIncidents(); !r.ok())
      spdlog::warn("reloading the clocks failed: {} (the next refresh tries again)",
                   r.error().message);
    // What a former holder had claimed and not finished is sent now.
    dispatcher.ReleaseClaims();
  }
  modules.SetPaused(!now_held);
}

void Background::Stop() {
  follower.Stop();
  modules.Stop();
  dispatcher.Stop();
  subscriber_dispatcher.Stop();
  if (!held) return;
  if (auto r = checkpointer.Checkpoint(); !r.ok())
    spdlog::warn("final checkpoint failed: {}", r.error().message);
}

}  // namespace warroom::app
