#pragma once

#include <functional>
#include <memory>

#include "base/clock.hpp"
#include "core/clocks/clocks.hpp"
#include "core/incident/command.hpp"
#include "core/metrics/incident_metrics.hpp"
#include "core/severity/classifier.hpp"
#include "engine/caller.hpp"
#include "engine/change_bus.hpp"
#include "engine/incident_access.hpp"
#include "engine/incident_cache.hpp"
#include "engine/message_renderer.hpp"
#include "engine/notifier.hpp"
#include "engine/policy_registry.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// Everything a client sees of one incident.
struct IncidentView {
  core::IncidentState state;
  // Get: the whole timeline. Execute: the events the command appended.
  std::vector<core::Event> events;
  // api::EncodeState(state) serialized, when at hand.
  std::shared_ptr<const std::string> state_json;
  std::vector<core::ClockView> clocks;
  core::IncidentMetrics metrics;
  TimePoint as_of;  // the time the clocks were evaluated at
};

// One active code freeze.
struct Freeze {
  bool restricted = false;  // of an incident the caller may not see: no details
  std::string incident_id;
  std::string severity;
  std::string summary;
  std::string reason;
  TimePoint since;
};

// Action items across incidents, as of one day.
struct ActionItemList {
  std::vector<store::ActionItemRow> items;
  std::string today;  // YYYY-MM-DD (UTC) the list was read on: "overdue" is as of it
};

struct CommandRequest {
  std::string incident_id;  // empty for Declare
  core::Command command;
  std::optional<TimePoint> at;  // the responder's `--at`
};

// Runs incident commands and queries against the store. Callbacks run on a
// store thread; callers hop back to their own executor.
class IncidentService {
 public:
  // `memory_reads`: this process is the store's only writer (SQLite), so
  // reads may be served from committed in-memory state without a store hop.
  IncidentService(store::Store& store, std::shared_ptr<const Clock> clock,
                  std::shared_ptr<const PolicyRegistry> policies, bool memory_reads = true);

  // Decides and appends the command's events in one write; answers the new
  // view once durable. Errors: kPermissionDenied (viewer, or not IC),
  // kNotFound (unknown or not visible), kFailedPrecondition (invalid
  // transition), kInvalidArgument, kResourceExhausted (queue full).
  void Execute(const Caller& caller, CommandRequest req,
               std::function<void(Result<IncidentView>)> done);

  // Records, as the system, that `clock` passed `due_at` unmet. Refused
  // (kFailedPrecondition) when the clock is not breached at that due time
  // now, and (kAlreadyExists) when that breach is already recorded.
  void RecordBreach(const std::string& id, core::ClockKind clock, TimePoint due_at,
                    bool retroactive, std::function<void(Result<IncidentView>)> done);

  // Reminds, as the system, at `at`, the people of the overdue action item
  // `item_id` (the reminders module). Refused (kFailedPrecondition) when it
  // is not overdue then, and (kAlreadyExists) when it was already reminded
  // that UTC day.
  void RemindActionItem(const std::string& id, std::int64_t item_id, TimePoint at,
                        std::function<void(Result<IncidentView>)> done);

  // Called after every committed command with the incident's state and its
  // clocks as answered (the clock runner reschedules from them). Set once,
  // before serving; runs on the store's writer thread.
  using CommitHook =
      std::function<void(const core::IncidentState&, const std::vector<core::ClockView>&)>;
  void SetCommitHook(CommitHook hook) { on_commit_ = std::move(hook); }

  // Where the writes warroom makes on its own go (breaches, links, message
  // outcomes: the background modules'): on a shared database the fenced
  // store, so a former holder of the background lease records nothing once
  // another has taken over. Unset: the service's store. Set once, before
  // serving.
  void SetBackgroundStore(store::Store* store) { background_store_ = store; }
  // Where each committed change is announced (an incident changed, messages
  // queued). Set once, before serving.
  void SetChangeBus(ChangeBus* bus) { bus_ = bus; }

  // The communication templates (set once, before serving).
  void SetRenderer(const MessageRenderer* renderer) { renderer_ = renderer; }
  // Who is told what: outbox messages are written with the events that owe
  // them; `on_outbox` runs after a commit that wrote any (wakes the
  // dispatcher). Set once, before serving.
  void SetNotifier(const Notifier* notifier, std::function<void()> on_outbox) {
    notifier_ = notifier;
    on_outbox_ = std::move(on_outbox);
  }

  // Records, as the system, a link a delivery made (a war room).
  void RecordLink(const std::string& id, core::commands::AddLink link,
                  std::function<void(Result<IncidentView>)> done);

  // Records, as the system, what became of an outbound message.
  void RecordMessageOutcome(const std::string& id, core::commands::RecordMessageOutcome outcome,
                            std::function<void(Result<IncidentView>)> done);

  // Every active code freeze: a deploy pipeline stops for each, but learns
  // nothing of a restricted incident the caller may not see (`restricted`,
  // and only `since`).
  void Freezes(const Caller& caller, std::function<void(Result<std::vector<Freeze>>)> done);

  // Renders a template for an incident without sending or recording it.
  void Preview(const Caller& caller, const std::string& id, const std::string& template_name,
               std::function<void(Result<RenderedMessage>)> done);

  // The incident's state, clocks and metrics (no timeline).
  void Get(const Caller& caller, const std::string& id,
           std::function<void(Result<IncidentView>)> done);
  // The same, with the whole timeline in `events`.
  void GetWithTimeline(const Caller& caller, const std::string& id,
                       std::function<void(Result<IncidentView>)> done);

  void List(const Caller& caller, store::IncidentFilter filter,
            std::function<void(Result<std::vector<store::IncidentRow>>)> done);
  // The action items the caller may see that match `filter`; `overdue`:
  // only those still owed after their due day (today on the service's
  // clock, UTC).
  void ListActionItems(const Caller& caller, store::ActionItemFilter filter, bool overdue,
                       std::function<void(Result<ActionItemList>)> done);
  // Every open incident the caller may see (at most `limit`, the most
  // recently declared first), each with its clocks and metrics, from one
  // read: the dashboard shows them all with their countdowns.
  void OpenIncidents(const Caller& caller, int limit,
                     std::function<void(Result<std::vector<IncidentView>>)> done);

  // The policy new incidents are declared under.
  const core::Policy& policy() const { return policies_->Current().policy; }
  // The severity that policy suggests for `impact`, with its reasons (POST
  // /api/v1/policy/classify). Fails (kInvalidArgument) only for a share
  // outside 0..100.
  Result<core::Classification> Classify(const core::ImpactAssessment& impact) const;
  const Clock& clock() const { return *clock_; }

 public:
  // A command run inside a write of the caller's (the alert router's): its
  // events are appended with whatever else that write does. Call Committed
  // once the write has committed, and nothing if it failed.
  struct Executed {
    IncidentView view;
    bool queued = false;  // outbox messages written
  };
  Result<Executed> ExecuteIn(store::WriteTx& tx, const core::Actor& actor, const Caller& caller,
                             const CommandRequest& req);
  void Committed(const Executed& e);
  // The incident's current state as `tx` sees it (NotFound when unknown).
  Result<core::IncidentState> StateIn(store::ReadTx& tx, const std::string& id);

 private:
  void Run(core::Actor actor, const Caller& caller, CommandRequest req,
           std::function<void(Result<IncidentView>)> done);
  IncidentView MakeView(core::IncidentState state, std::vector<core::Event> events) const;
  // The cached state and clocks of an incident at the chain head `tx` sees,
  // loading and folding its events on a miss. NotFound when it has none.
  // `committed`: `tx` is a reader's snapshot, so what it loads may be cached
  // as committed.
  Result<CachedPtr> Load(store::ReadTx& tx, const std::string& id, bool committed);
  IncidentView ViewOf(const CachedIncident& inc) const;

  store::Store& store_;
  store::Store* background_store_ = nullptr;
  ChangeBus* bus_ = nullptr;
  std::shared_ptr<const Clock> clock_;
  std::shared_ptr<const PolicyRegistry> policies_;
  bool memory_reads_;
  CommitHook on_commit_;
  const MessageRenderer* renderer_ = nullptr;
  const Notifier* notifier_ = nullptr;
  std::function<void()> on_outbox_;
  IncidentCache cache_;
};

// The list row written with every append.
store::IncidentRow ToRow(const core::IncidentState& s);

}  // namespace warroom::engine
