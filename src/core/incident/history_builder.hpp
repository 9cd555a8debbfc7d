#pragma once

// A small helper for unit tests: runs commands through Decide and Apply the
// way the engine does, keeping the history, so tests read like a timeline.
#include <vector>

#include "core/incident/command.hpp"

namespace warroom::core {

class HistoryBuilder {
 public:
  explicit HistoryBuilder(const Policy& policy = DefaultPolicy(),
                          std::string id = "INC-2026-02-12-001")
      : policy_(policy) {
    state_.id = std::move(id);
  }

  // Runs `command` by `user` at `at` (also the time now unless `now` is set).
  Outcome Run(const Command& command, TimePoint at, std::string user = "sarah", bool admin = false,
              std::optional<TimePoint> recorded = std::nullopt) {
    return RunAs(command, at, Actor::User(std::move(user)), admin, recorded);
  }

  // Runs `command` as any actor (an integration, the system).
  Outcome RunAs(const Command& command, TimePoint at, Actor actor, bool admin = true,
                std::optional<TimePoint> recorded = std::nullopt) {
    return Execute(command,
                   CommandContext{std::move(actor), admin, recorded.value_or(at), at, &policy_});
  }

  // Runs `command` by `user`, the user it names being a viewer.
  Outcome RunNamingViewer(const Command& command, TimePoint at, std::string user = "sarah",
                          bool admin = false) {
    CommandContext ctx{Actor::User(std::move(user)), admin, at, at, &policy_};
    ctx.target_is_viewer = true;
    return Execute(command, ctx);
  }

  // Runs `command` under `ctx` as the engine would.
  Outcome Execute(const Command& command, const CommandContext& ctx) {
    auto d = Decide(state_, command, ctx);
    if (!d.ok()) return d.error();
    for (auto& payload : d->events) {
      Event e;
      e.incident_id = state_.id;
      e.incident_seq = state_.last_seq + 1;
      e.global_seq = static_cast<std::int64_t>(history_.size()) + 1;
      e.occurred_at = d->occurred_at;
      e.recorded_at = ctx.now;
      e.actor = ctx.actor;
      e.payload = std::move(payload);
      Apply(state_, e);
      history_.push_back(std::move(e));
    }
    return Success();
  }

  const IncidentState& state() const { return state_; }
  const std::vector<Event>& history() const { return history_; }

 private:
  const Policy& policy_;
  IncidentState state_;
  std::vector<Event> history_;
};

}  // namespace warroom::core
