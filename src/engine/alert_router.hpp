#pragma once

#include <memory>
#include <vector>

#include "core/alerts/alert.hpp"
#include "core/alerts/routing.hpp"
#include "engine/incident_service.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// Decides, inside the write that stored them, where newly reported alerts go
// and what their resolutions tell an incident:
//
// - An alert whose group (integration + group key) an incident holds joins
//   it while the incident is open, or resolved less than the recurrence
//   window ago. The timeline gets one alert_group_attached per group (not
//   per alert), and again when the group fires anew after resolving or while
//   the incident is monitoring or resolved (a recurrence: the IC is told).
// - Otherwise the first matching route decides: declare an incident for the
//   group (severity from the route; detected_at = the earliest startsAt),
//   attach (recorded only: no incident to join), or triage. No route: triage.
//   A group is declared once, however many alerts it brings (a storm).
// - Resolutions of attached alerts become one alerts_resolved per group;
//   when nothing of the incident fires any more the IC is told. Incidents
//   are never resolved automatically: people resolve incidents.
class AlertRouter {
 public:
  AlertRouter(IncidentService& incidents, core::AlertRouting routing)
      : incidents_(incidents), routing_(std::move(routing)) {}

  using Executed = IncidentService::Executed;

  // One alert of an ingest request: as its sender reported it (labels and
  // annotations typed, for the routes' matchers) and as the store now has
  // it (id, merged status, incident).
  struct Report {
    const core::Alert* alert;  // owned by the caller, alive during Route
    store::AlertUpsert stored;
  };
  // Routes what one ingest request did. The returned commands were run in
  // `tx`; call IncidentService::Committed for each once it has committed.
  struct Routed {
    std::vector<Executed> executed;
    bool queued = false;  // triage notices written to the outbox
  };
  Result<Routed> Route(store::WriteTx& tx, const std::string& integration,
                       const std::vector<Report>& reports, TimePoint now) const;

  // Who is told that alerts wait in triage (set once, before serving).
  void SetNotifier(const Notifier* notifier) { notifier_ = notifier; }

  // A responder declares an incident from alerts waiting in triage: their
  // groups attach to it, and so will the groups' later alerts.
  struct Declaration {
    std::vector<std::int64_t> alert_ids;
    core::Severity severity = core::Severity::kP3;
    std::string summary;  // default: the first alert's
  };
  Result<std::vector<Executed>> DeclareFromTriage(store::WriteTx& tx, const Caller& caller,
                                                  const Declaration& d, TimePoint now) const;
  // A responder attaches alerts waiting in triage to an incident already
  // declared (their groups' later alerts follow them).
  Result<std::vector<Executed>> AttachFromTriage(store::WriteTx& tx, const Caller& caller,
                                                 const std::vector<std::int64_t>& alert_ids,
                                                 const std::string& incident_id,
                                                 TimePoint now) const;
  // A responder dismisses alerts waiting in triage (noise, known, handled).
  Outcome DismissFromTriage(store::WriteTx& tx, const Caller& caller,
                            const std::vector<std::int64_t>& alert_ids, const std::string& reason,
                            TimePoint now) const;

  const core::AlertRouting& routing() const { return routing_; }

  // Alerts with the name of the route that matched them ("" for none).
  using Named = std::vector<std::pair<const store::AlertRecord*, std::string>>;

 private:
  // New alerts of a group no incident holds: the first matching route
  // declares, records or holds them.
  Outcome RouteNewGroup(store::WriteTx& tx, const std::string& integration,
                        const std::string& group_key, const std::vector<const Report*>& reports,
                        TimePoint now, Routed& routed) const;
  // Puts alerts in triage, telling the triage route when their group starts
  // waiting.
  Outcome HoldForTriage(store::WriteTx& tx, const std::string& integration,
                        const std::string& group_key, const Named& triage, TimePoint now,
                        Routed& routed) const;
  // The alerts, each waiting in triage (else NotFound / FailedPrecondition).
  // An alert of a restricted incident `caller` may not see is NotFound, as
  // an unknown one: its existence does not leak.
  Result<std::vector<store::AlertRecord>> WaitingInTriage(
      store::WriteTx& tx, const Caller& caller, const std::vector<std::int64_t>& alert_ids) const;
  // Attaches alerts by group, as their integrations, recording who triaged.
  Outcome AttachByGroup(store::WriteTx& tx, const std::string& incident_id,
                        const std::vector<store::AlertRecord>& alerts, const std::string& by,
                        TimePoint now, std::vector<Executed>& out) const;
  // The incident holding the group that new alerts may join, if any.
  Result<std::optional<core::IncidentState>> Holder(store::WriteTx& tx,
                                                    const std::string& integration,
                                                    const std::string& group_key,
                                                    TimePoint now) const;
  // Attaches alerts of one group to an incident (alert_group_attached when
  // the timeline needs it) and records the holder.
  Outcome Attach(store::WriteTx& tx, const core::Actor& actor, const std::string& incident_id,
                 const Named& alerts, const std::string& by, TimePoint now,
                 std::vector<Executed>& out) const;

  IncidentService& incidents_;
  core::AlertRouting routing_;
  const Notifier* notifier_ = nullptr;
};

}  // namespace warroom::engine
