#include <algorithm>

#include "core/incident/state.hpp"

namespace warroom::core {
namespace {

std::string BreachKey(ClockKind clock, TimePoint due_at) {
  return std::string(ClockKindName(clock)) + "@" + FormatTime(due_at);
}

void AddUnique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

void ApplyImpact(Impact& impact, const ImpactChange& c) {
  if (c.customers_affected) impact.customers_affected = c.customers_affected;
  if (c.customers_affected_pct) impact.customers_affected_pct = c.customers_affected_pct;
  if (c.affected_components) impact.affected_components = *c.affected_components;
  if (c.workaround) impact.workaround = *c.workaround;
  if (c.eta) impact.eta = c.eta;
  if (c.revenue_impact) impact.revenue_impact = *c.revenue_impact;
  if (c.impact_start) impact.impact_start = c.impact_start;
}

struct Applier {
  IncidentState& s;
  const Event& e;

  void operator()(const events::Declared& d) {
    s.declared = true;
    s.severity = d.severity;
    s.status = Status::kInvestigating;
    s.summary = d.summary;
    s.visibility = d.visibility;
    s.source = d.source;
    s.policy_version = d.policy_version;
    s.declared_by = e.actor.id;
    s.declared_at = e.occurred_at;
    s.declared_recorded_at = e.recorded_at;
    s.detected_at = d.detected_at;
    if (!d.commander.empty()) s.roles[Role::kIncidentCommander] = d.commander;
    ApplyImpact(s.impact, d.impact);
  }
  void operator()(const events::Acknowledged& a) {
    if (!s.first_acknowledged_at) s.first_acknowledged_at = e.occurred_at;
    AddUnique(s.acknowledged_by, a.by);
    AddUnique(s.responders, a.by);
  }
  void operator()(const events::SeverityChanged& c) { s.severity = c.to; }
  void operator()(const events::RootCauseIdentified& r) {
    s.root_cause = RootCause{r.summary, r.category, e.occurred_at};
    if (!s.first_identified_at) s.first_identified_at = e.occurred_at;
    if (s.status == Status::kInvestigating) s.status = Status::kIdentified;
  }
  void operator()(const events::Mitigated& m) {
    s.mitigated_at = e.occurred_at;
    s.mitigation = m.action;
    s.status = Status::kMonitoring;
  }
  void operator()(const events::Resolved& r) {
    s.resolved_at = e.occurred_at;
    s.resolution = r.summary;
    s.status = Status::kResolved;
  }
  void operator()(const events::Closed& c) {
    s.closed_at = e.occurred_at;
    if (!c.pir_url.empty()) s.pir_url = c.pir_url;
    s.status = Status::kClosed;
  }
  void operator()(const events::Reopened&) {
    s.status = Status::kInvestigating;
    ++s.reopen_count;
  }
  void operator()(const events::Dismissed& d) {
    s.dismissed_reason = d.reason;
    s.status = Status::kDismissed;
  }
  void operator()(const events::RoleAssigned& r) { s.roles[r.role] = r.user; }
  void operator()(const events::ResponderJoined& j) { AddUnique(s.responders, j.user); }
  void operator()(const events::ResponderLeft& l) {
    s.responders.erase(std::remove(s.responders.begin(), s.responders.end(), l.user),
                       s.responders.end());
  }
  void operator()(const events::TaskAdded& t) {
    s.tasks.push_back(Task{t.task_id, t.title, t.assignee, false, e.occurred_at, std::nullopt});
  }
  void operator()(const events::TaskCompleted& t) {
    for (Task& task : s.tasks) {
      if (task.id == t.task_id) {
        task.done = true;
        task.done_at = e.occurred_at;
      }
    }
  }
  void operator()(const events::ActionItemAdded& a) {
    ActionItem item;
    item.id = a.item_id;
    item.title = a.title;
    item.owner = a.owner;
    item.due = a.due;
    item.priority = a.priority;
    item.tracker_url = a.tracker_url;
    item.created_by = e.actor.id;
    item.created_at = item.updated_at = e.occurred_at;
    s.action_items.push_back(std::move(item));
  }
  void operator()(const events::ActionItemUpdated& u) {
    for (ActionItem& item : s.action_items) {
      if (item.id != u.item_id) continue;
      if (u.title) item.title = *u.title;
      if (u.owner) item.owner = *u.owner;
      if (u.due) item.due = *u.due;
      if (u.priority) item.priority = *u.priority;
      if (u.tracker_url) item.tracker_url = *u.tracker_url;
      if (u.status) {
        item.status = *u.status;
        item.reason = u.reason;
        if (IsOpen(*u.status)) {
          item.done_at.reset();
        } else {
          item.done_at = e.occurred_at;
        }
      }
      item.updated_at = e.occurred_at;
    }
  }
  void operator()(const events::ActionItemReminded& r) {
    for (ActionItem& item : s.action_items) {
      if (item.id != r.item_id) continue;
      ++item.reminders;
      item.last_reminded_day = r.day;
    }
  }
  void operator()(const events::NoteAdded&) { ++s.note_count; }
  void operator()(const events::UpdatePosted&) {
    ++s.update_count;
    s.last_update_at = e.occurred_at;
  }
  void operator()(const events::LinkAdded& l) { s.links.push_back(Link{l.kind, l.url, l.title}); }
  void operator()(const events::ImpactUpdated& i) { ApplyImpact(s.impact, i.change); }
  void operator()(const events::VisibilityChanged& v) { s.visibility = v.visibility; }
  void operator()(const events::MessageOutcome&) {}
  void operator()(const events::PageRequested&) {}
  void operator()(const events::FreezeDeclared& f) {
    s.freeze_declared = true;
    s.freeze_reason = f.reason;
    s.freeze_since = e.occurred_at;
  }
  void operator()(const events::FreezeLifted&) { s.freeze_declared = false; }
  void operator()(const events::AlertGroupAttached& a) {
    if (auto* g = const_cast<AlertGroupRef*>(s.FindAlertGroup(a.integration, a.group_key)))
      g->firing = true;
    else
      s.alert_groups.push_back(
          AlertGroupRef{a.integration, a.group_key, a.summary, e.occurred_at, true});
  }
  void operator()(const events::AlertsResolved& r) {
    if (auto* g = const_cast<AlertGroupRef*>(s.FindAlertGroup(r.integration, r.group_key)))
      g->firing = r.group_firing > 0;
  }
  void operator()(const events::ClockBreached& b) {
    s.recorded_breaches.push_back(BreachKey(b.clock, b.due_at));
  }
  // Only ever on the administration chain, which is never folded.
  void operator()(const events::AdminReset&) {}
  void operator()(const events::ComponentStatusSet&) {}
  void operator()(const events::MaintenanceScheduled&) {}
  void operator()(const events::MaintenanceUpdated&) {}
};

}  // namespace

void Apply(IncidentState& state, const Event& event) {
  if (state.id.empty()) state.id = event.incident_id;
  std::visit(Applier{state, event}, event.payload);
  state.last_seq = event.incident_seq;
  if (IsLifecycleStep(event.payload)) state.last_lifecycle_at = event.occurred_at;
  state.updated_at = std::max(state.updated_at, event.occurred_at);
}

IncidentState Fold(const std::vector<Event>& history) {
  IncidentState s;
  for (const Event& e : history) Apply(s, e);
  return s;
}

std::string IncidentState::Commander() const {
  auto it = roles.find(Role::kIncidentCommander);
  return it == roles.end() ? std::string() : it->second;
}

std::vector<std::string> IncidentState::Participants() const {
  std::vector<std::string> out;
  AddUnique(out, declared_by);
  for (const auto& [role, user] : roles) AddUnique(out, user);
  for (const auto& r : responders) AddUnique(out, r);
  for (const auto& a : acknowledged_by) AddUnique(out, a);
  for (const auto& t : tasks) AddUnique(out, t.assignee);
  for (const auto& a : action_items) AddUnique(out, a.owner);
  return out;
}

bool IncidentState::IsParticipant(const std::string& handle) const {
  auto p = Participants();
  return std::find(p.begin(), p.end(), handle) != p.end();
}

bool IncidentState::BreachRecorded(ClockKind clock, TimePoint due_at) const {
  std::string key = BreachKey(clock, due_at);
  return std::find(recorded_breaches.begin(), recorded_breaches.end(), key) !=
         recorded_breaches.end();
}

const ActionItem* IncidentState::FindActionItem(std::int64_t id) const {
  for (const auto& a : action_items)
    if (a.id == id) return &a;
  return nullptr;
}

const AlertGroupRef* IncidentState::FindAlertGroup(const std::string& integration,
                                                   const std::string& group_key) const {
  for (const auto& g : alert_groups)
    if (g.integration == integration && g.group_key == group_key) return &g;
  return nullptr;
}

TimePoint IncidentState::ImpactStart() const {
  if (impact.impact_start) return *impact.impact_start;
  if (detected_at) return *detected_at;
  return declared_at;
}

}  // namespace warroom::core
