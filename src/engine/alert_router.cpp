#include "engine/alert_router.hpp"

#include "base/text.hpp"
#include "engine/alert_rows.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

namespace warroom::engine {

using namespace core;

namespace {

bool Firing(const store::AlertRecord& a) { return a.status == AlertStatus::kFiring; }

// What the routers and responders act as: the integration's alerts are
// theirs to attach, whoever asked.
Caller RouterCaller(const std::string& integration) {
  return Caller{integration, store::Permission::kAdmin};
}

// An alert's start may be ahead of warroom's clock (a sender's skew); an
// incident is not detected after it is declared.
TimePoint EarliestStart(const std::vector<const store::AlertRecord*>& alerts, TimePoint now) {
  TimePoint t = now;
  for (const auto* a : alerts) t = std::min(t, a->starts_at);
  return t;
}

// The summary of an incident or group from its alerts, within the length a
// summary may have (a sender's annotation can be any length).
std::string GroupSummary(const std::vector<const store::AlertRecord*>& alerts) {
  std::string s =
      alerts.front()->summary.empty() ? alerts.front()->group_key : alerts.front()->summary;
  if (IsBlank(s)) s = "alert";
  std::string more =
      alerts.size() > 1 ? " (+" + std::to_string(alerts.size() - 1) + " more alerts)" : "";
  if (s.size() + more.size() > kMaxShortText) {
    std::size_t cut = kMaxShortText - more.size() - 3;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    s = s.substr(0, cut) + "...";
  }
  return s + more;
}

// Errors that mean "nothing to record", not "the write failed".
bool NothingToRecord(const Error& e) {
  return e.code == ErrorCode::kAlreadyExists || e.code == ErrorCode::kFailedPrecondition;
}

// One statement per route name ("" keeps the route already recorded).
Outcome SetDisposition(store::WriteTx& tx, const AlertRouter::Named& alerts,
                       Disposition disposition, const std::string& incident_id,
                       const std::string& by, TimePoint now) {
  std::map<std::string, std::vector<std::int64_t>> by_route;
  for (const auto& [a, route] : alerts) by_route[route].push_back(a->id);
  for (const auto& [route, ids] : by_route)
    WARROOM_RETURN_IF_ERROR(tx.SetAlertDisposition(
        ids, store::AlertDisposition{disposition, incident_id, route, by, "", now}));
  return Success();
}

AlertRouter::Named Unnamed(const std::vector<const store::AlertRecord*>& alerts) {
  AlertRouter::Named out;
  for (const auto* a : alerts) out.emplace_back(a, std::string());
  return out;
}

}  // namespace

Result<std::optional<IncidentState>> AlertRouter::Holder(store::WriteTx& tx,
                                                         const std::string& integration,
                                                         const std::string& group_key,
                                                         TimePoint now) const {
  WARROOM_ASSIGN_OR_RETURN(auto id, tx.AlertGroupHolder(integration, group_key));
  if (!id) return std::optional<IncidentState>();
  WARROOM_ASSIGN_OR_RETURN(IncidentState s, incidents_.StateIn(tx, *id));
  bool holds = IsOpen(s.status) || (s.status == Status::kResolved && s.resolved_at &&
                                    now <= *s.resolved_at + routing_.recurrence_window);
  if (!holds) return std::optional<IncidentState>();
  return std::optional<IncidentState>(std::move(s));
}

Outcome AlertRouter::Attach(store::WriteTx& tx, const Actor& actor, const std::string& incident_id,
                            const Named& alerts, const std::string& by, TimePoint now,
                            std::vector<Executed>& out) const {
  if (alerts.empty()) return Success();
  std::vector<const store::AlertRecord*> firing;
  for (const auto& [a, route] : alerts)
    if (Firing(*a)) firing.push_back(a);
  const store::AlertRecord& first = *alerts.front().first;
  WARROOM_RETURN_IF_ERROR(SetDisposition(tx, alerts, Disposition::kIncident, incident_id, by, now));
  WARROOM_RETURN_IF_ERROR(
      tx.AddAlertGroupHolder(first.integration, first.group_key, incident_id, now));
  if (firing.empty()) return Success();
  events::AlertGroupAttached g;
  g.integration = first.integration;
  g.group_key = first.group_key;
  g.summary = GroupSummary(firing);
  g.alerts = static_cast<std::int64_t>(firing.size());
  g.first_started_at = EarliestStart(firing, now);
  auto r = incidents_.ExecuteIn(tx, actor, RouterCaller(first.integration),
                                CommandRequest{incident_id, commands::AttachAlerts{g}, {}});
  if (!r.ok()) return NothingToRecord(r.error()) ? Success() : Outcome(r.error());
  out.push_back(std::move(*r));
  return Success();
}

Result<AlertRouter::Routed> AlertRouter::Route(store::WriteTx& tx, const std::string& integration,
                                               const std::vector<Report>& reports,
                                               TimePoint now) const {
  Routed routed;
  std::vector<Executed>& out = routed.executed;
  Actor actor{Actor::Kind::kIntegration, integration};
  // New alerts by group, in the order the sender gave them.
  std::vector<std::pair<std::string, std::vector<const Report*>>> groups;
  std::map<std::pair<std::string, std::string>, std::int64_t> resolved;  // (incident, group)
  for (const auto& r : reports) {
    const store::AlertRecord& a = r.stored.alert;
    if (r.stored.created) {
      auto it = std::find_if(groups.begin(), groups.end(),
                             [&](const auto& g) { return g.first == a.group_key; });
      if (it == groups.end()) it = groups.insert(groups.end(), {a.group_key, {}});
      it->second.push_back(&r);
    } else if (a.status == AlertStatus::kResolved &&
               r.stored.previous_status != AlertStatus::kResolved && !a.incident_id.empty()) {
      ++resolved[{a.incident_id, a.group_key}];
    }
  }

  for (const auto& [group_key, members] : groups) {
    WARROOM_ASSIGN_OR_RETURN(auto holder, Holder(tx, integration, group_key, now));
    if (holder) {
      std::vector<const store::AlertRecord*> alerts;
      for (const Report* r : members) alerts.push_back(&r->stored.alert);
      WARROOM_RETURN_IF_ERROR(Attach(tx, actor, holder->id, Unnamed(alerts), "", now, out));
    } else {
      WARROOM_RETURN_IF_ERROR(RouteNewGroup(tx, integration, group_key, members, now, routed));
    }
  }
  for (const auto& [key, n] : resolved) {
    const auto& [incident_id, group_key] = key;
    WARROOM_ASSIGN_OR_RETURN(auto counts,
                             tx.CountFiringAlerts(incident_id, integration, group_key));
    events::AlertsResolved r{integration, group_key, n, counts.first, counts.second};
    auto done =
        incidents_.ExecuteIn(tx, actor, RouterCaller(integration),
                             CommandRequest{incident_id, commands::RecordAlertsResolved{r}, {}});
    if (!done.ok() && !NothingToRecord(done.error())) return done.error();
    if (done.ok()) out.push_back(std::move(*done));
  }
  return routed;
}

Outcome AlertRouter::RouteNewGroup(store::WriteTx& tx, const std::string& integration,
                                   const std::string& group_key,
                                   const std::vector<const Report*>& reports, TimePoint now,
                                   Routed& routed) const {
  const Policy& policy = incidents_.policy();
  const AlertRoute* declaring = nullptr;
  std::optional<Severity> severity;
  Named triage, recorded, named;
  std::vector<const store::AlertRecord*> firing;
  const core::Alert* first_firing = nullptr;
  for (const Report* report : reports) {
    const store::AlertRecord* a = &report->stored.alert;
    Labels labels = LabelsForRouting(report->alert->labels);
    labels[std::string(kIntegrationLabel)] = integration;
    const AlertRoute* route = MatchRoute(routing_, labels);
    std::string name = route ? route->name : std::string();
    named.emplace_back(a, name);
    if (!Firing(*a) || (route && route->action == RouteAction::kAttach)) {
      recorded.emplace_back(a, name);  // nothing fires to act on, or join-only
      continue;
    }
    firing.push_back(a);
    if (!first_firing) first_firing = report->alert;
    if (route && route->action == RouteAction::kDeclare) {
      auto s = SeverityFor(*route, policy, labels, LabelsForRouting(report->alert->annotations));
      if (s && (!severity || *s < *severity)) {
        severity = s;
        declaring = route;
      }
      if (s) continue;
    }
    triage.emplace_back(a, name);
  }
  if (!declaring) {
    WARROOM_RETURN_IF_ERROR(SetDisposition(tx, recorded, Disposition::kRecorded, "", "", now));
    return HoldForTriage(tx, integration, group_key, triage, now, routed);
  }
  commands::Declare d;
  d.severity = *severity;
  d.summary = GroupSummary(firing);
  d.detected_at = EarliestStart(firing, now);
  d.source = declaring->source;
  Labels annotations = LabelsForRouting(first_firing->annotations);
  if (auto it = annotations.find(std::string(kCustomersAffectedPct)); it != annotations.end())
    d.impact.customers_affected_pct = ParsePercent(it->second);
  Actor actor{Actor::Kind::kIntegration, integration};
  auto declared = incidents_.ExecuteIn(tx, actor, RouterCaller(integration),
                                       CommandRequest{"", std::move(d), {}});
  if (!declared.ok() && (declared.error().code == ErrorCode::kInvalidArgument ||
                         declared.error().code == ErrorCode::kFailedPrecondition)) {
    // The alerts are kept whatever their content: a person decides.
    spdlog::warn("alert group {} of {}: route {} could not declare ({}); its alerts wait in triage",
                 group_key, integration, declaring->name, declared.error().message);
    return HoldForTriage(tx, integration, group_key, named, now, routed);
  }
  if (!declared.ok()) return declared.error();
  std::string id = declared->view.state.id;
  routed.executed.push_back(std::move(*declared));
  return Attach(tx, actor, id, named, "", now, routed.executed);
}

Outcome AlertRouter::HoldForTriage(store::WriteTx& tx, const std::string& integration,
                                   const std::string& group_key, const Named& triage, TimePoint now,
                                   Routed& routed) const {
  if (triage.empty()) return Success();
  WARROOM_RETURN_IF_ERROR(SetDisposition(tx, triage, Disposition::kTriage, "", "", now));
  if (!notifier_) return Success();
  // Told once, when the group starts waiting: not per alert of a storm.
  store::AlertFilter waiting;
  waiting.integration = integration;
  waiting.group_key = group_key;
  waiting.disposition = Disposition::kTriage;
  waiting.limit = static_cast<int>(triage.size()) + 1;
  WARROOM_ASSIGN_OR_RETURN(auto already, tx.ListAlerts(waiting));
  if (already.size() != triage.size()) return Success();
  std::vector<const store::AlertRecord*> waiting_now;
  for (const auto& [a, name] : triage) waiting_now.push_back(a);
  for (auto& m : notifier_->TriageNotice(integration, group_key, GroupSummary(waiting_now),
                                         triage.size(), triage.front().first->id, now)) {
    WARROOM_RETURN_IF_ERROR(tx.InsertOutbox(m));
    routed.queued = true;
  }
  return Success();
}

Result<std::vector<store::AlertRecord>> AlertRouter::WaitingInTriage(
    store::WriteTx& tx, const Caller& caller, const std::vector<std::int64_t>& alert_ids) const {
  if (alert_ids.empty()) return Error::InvalidArgument("name at least one alert id");
  std::vector<store::AlertRecord> alerts;
  std::map<std::string, bool> visible;  // by incident
  for (std::int64_t id : alert_ids) {
    WARROOM_ASSIGN_OR_RETURN(auto a, tx.FindAlert(id));
    if (a && !a->incident_id.empty() && !caller.IsAdmin()) {
      auto it = visible.find(a->incident_id);
      if (it == visible.end()) {
        WARROOM_ASSIGN_OR_RETURN(IncidentState s, incidents_.StateIn(tx, a->incident_id));
        it = visible.emplace(a->incident_id, CanSee(caller, s)).first;
      }
      if (!it->second) a.reset();  // as hidden as its incident
    }
    if (!a)
      return Error::NotFound("no alert " + std::to_string(id) +
                             " (list those waiting with `warroom alerts --triage`)");
    if (a->disposition != Disposition::kTriage)
      return Error::FailedPrecondition(
          "alert " + std::to_string(id) + " is not waiting in triage: it is " +
          std::string(DispositionName(a->disposition)) +
          (a->incident_id.empty() ? std::string() : " (" + a->incident_id + ")"));
    alerts.push_back(std::move(*a));
  }
  return alerts;
}

Outcome AlertRouter::AttachByGroup(store::WriteTx& tx, const std::string& incident_id,
                                   const std::vector<store::AlertRecord>& alerts,
                                   const std::string& by, TimePoint now,
                                   std::vector<Executed>& out) const {
  std::map<std::pair<std::string, std::string>, std::vector<const store::AlertRecord*>> groups;
  for (const auto& a : alerts) groups[{a.integration, a.group_key}].push_back(&a);
  for (const auto& [key, members] : groups) {
    Actor actor{Actor::Kind::kIntegration, key.first};
    WARROOM_RETURN_IF_ERROR(Attach(tx, actor, incident_id, Unnamed(members), by, now, out));
  }
  return Success();
}

Result<std::vector<AlertRouter::Executed>> AlertRouter::DeclareFromTriage(store::WriteTx& tx,
                                                                          const Caller& caller,
                                                                          const Declaration& d,
                                                                          TimePoint now) const {
  if (!caller.CanRespond())
    return Error::PermissionDenied(caller.handle + " is a viewer: declaring needs a responder");
  WARROOM_ASSIGN_OR_RETURN(auto alerts, WaitingInTriage(tx, caller, d.alert_ids));
  std::vector<const store::AlertRecord*> all;
  for (const auto& a : alerts) all.push_back(&a);
  commands::Declare decl;
  decl.severity = d.severity;
  decl.summary = d.summary.empty() ? GroupSummary(all) : d.summary;
  decl.detected_at = EarliestStart(all, now);
  decl.source = DetectionSource::kAutomatedMonitoring;
  std::vector<Executed> out;
  WARROOM_ASSIGN_OR_RETURN(Executed declared,
                           incidents_.ExecuteIn(tx, Actor::User(caller.handle), caller,
                                                CommandRequest{"", std::move(decl), {}}));
  std::string id = declared.view.state.id;
  out.push_back(std::move(declared));
  WARROOM_RETURN_IF_ERROR(AttachByGroup(tx, id, alerts, caller.handle, now, out));
  return out;
}

Result<std::vector<AlertRouter::Executed>> AlertRouter::AttachFromTriage(
    store::WriteTx& tx, const Caller& caller, const std::vector<std::int64_t>& alert_ids,
    const std::string& incident_id, TimePoint now) const {
  if (!caller.CanRespond())
    return Error::PermissionDenied(caller.handle + " is a viewer: attaching needs a responder");
  WARROOM_ASSIGN_OR_RETURN(IncidentState s, incidents_.StateIn(tx, incident_id));
  if (!CanSee(caller, s)) return NoSuchIncident(incident_id);
  if (!IsOpen(s.status))
    return Error::FailedPrecondition(incident_id + " is " + std::string(StatusName(s.status)) +
                                     ": alerts attach to open incidents; declare a new one with "
                                     "`warroom alerts declare`");
  WARROOM_ASSIGN_OR_RETURN(auto alerts, WaitingInTriage(tx, caller, alert_ids));
  std::vector<Executed> out;
  WARROOM_RETURN_IF_ERROR(AttachByGroup(tx, incident_id, alerts, caller.handle, now, out));
  return out;
}

Outcome AlertRouter::DismissFromTriage(store::WriteTx& tx, const Caller& caller,
                                       const std::vector<std::int64_t>& alert_ids,
                                       const std::string& reason, TimePoint now) const {
  if (!caller.CanRespond())
    return Error::PermissionDenied(caller.handle + " is a viewer: dismissing needs a responder");
  if (reason.size() > kMaxShortText) return Error::InvalidArgument("reason is too long");
  WARROOM_RETURN_IF_ERROR(WaitingInTriage(tx, caller, alert_ids));
  return tx.SetAlertDisposition(alert_ids, store::AlertDisposition{Disposition::kDismissed, "", "",
                                                                   caller.handle, reason, now});
}

}  // namespace warroom::engine
