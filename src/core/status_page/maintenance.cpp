#include "core/status_page/maintenance.hpp"

#include <algorithm>

namespace warroom::core::status_page {

std::string_view MaintenanceStatusName(MaintenanceStatus s) {
  switch (s) {
    case MaintenanceStatus::kInProgress:
      return "in_progress";
    case MaintenanceStatus::kVerifying:
      return "verifying";
    case MaintenanceStatus::kCompleted:
      return "completed";
    default:
      return "scheduled";
  }
}

Result<MaintenanceStatus> ParseMaintenanceUpdateStatus(std::string_view s) {
  if (s == "in_progress") return MaintenanceStatus::kInProgress;
  if (s == "verifying") return MaintenanceStatus::kVerifying;
  if (s == "completed") return MaintenanceStatus::kCompleted;
  return Error::InvalidArgument("unknown maintenance status '" + std::string(s) +
                                "': use in_progress, verifying or completed");
}

TimePoint Maintenance::StartsAt() const {
  return started_at ? std::min(*started_at, scheduled_for) : scheduled_for;
}

TimePoint Maintenance::EndsAt() const {
  return completed_at ? std::min(*completed_at, scheduled_until) : scheduled_until;
}

MaintenanceStatus Maintenance::StatusAt(TimePoint t) const {
  if (t >= EndsAt()) return MaintenanceStatus::kCompleted;
  if (t < StartsAt()) return MaintenanceStatus::kScheduled;
  if (verifying_at && *verifying_at <= t) return MaintenanceStatus::kVerifying;
  return MaintenanceStatus::kInProgress;
}

bool Maintenance::Running(TimePoint t) const {
  MaintenanceStatus s = StatusAt(t);
  return s == MaintenanceStatus::kInProgress || s == MaintenanceStatus::kVerifying;
}

TimePoint Maintenance::StatusChangedAt(TimePoint t) const {
  switch (StatusAt(t)) {
    case MaintenanceStatus::kCompleted:
      return EndsAt();
    case MaintenanceStatus::kVerifying:
      return *verifying_at;
    case MaintenanceStatus::kInProgress:
      return StartsAt();
    default:
      return created_at;
  }
}

std::vector<Contribution> Maintenance::Contributions() const {
  std::vector<Contribution> out;
  if (EndsAt() <= StartsAt()) return out;  // called off before it began
  for (const std::string& c : components)
    out.push_back(Contribution{c, ComponentStatus::kUnderMaintenance, StartsAt(), EndsAt()});
  return out;
}

namespace {

void Apply(Maintenance& m, const events::MaintenanceUpdated& u, TimePoint at) {
  std::optional<MaintenanceStatus> status;  // none: a word only
  if (!u.status.empty()) {
    auto parsed = ParseMaintenanceUpdateStatus(u.status);
    if (!parsed.ok()) return;
    status = *parsed;
  }
  // Once a person completed it, it stays completed: a later word is kept,
  // the window is not reopened.
  if (!m.completed_at) {
    if (u.scheduled_until) m.scheduled_until = *u.scheduled_until;
    bool starts =
        status == MaintenanceStatus::kInProgress || status == MaintenanceStatus::kVerifying;
    if (starts && !m.started_at && at < m.scheduled_for) m.started_at = at;
    if (status == MaintenanceStatus::kInProgress)
      m.verifying_at.reset();  // the check failed: back at work
    if (status == MaintenanceStatus::kVerifying && !m.verifying_at) m.verifying_at = at;
    if (status == MaintenanceStatus::kCompleted) m.completed_at = at;
  }
  m.updates.insert(m.updates.begin(),
                   PublicUpdate{std::string(MaintenanceStatusName(m.StatusAt(at))), u.body, at});
  m.updated_at = at;
}

}  // namespace

std::vector<Maintenance> MaintenancesOf(const std::vector<Event>& chain,
                                        const std::vector<Component>& components) {
  std::vector<Maintenance> out;
  for (const Event& e : chain) {
    if (const auto* s = std::get_if<events::MaintenanceScheduled>(&e.payload)) {
      Maintenance m;
      m.id = s->maintenance_id;
      m.name = s->name;
      m.scheduled_for = s->scheduled_for;
      m.scheduled_until = s->scheduled_until;
      for (const std::string& c : s->components)
        if (IsComponent(components, c)) m.components.push_back(c);
      m.created_at = m.updated_at = e.occurred_at;
      m.updates.push_back(PublicUpdate{"scheduled", s->body, e.occurred_at});
      out.push_back(std::move(m));
    } else if (const auto* u = std::get_if<events::MaintenanceUpdated>(&e.payload)) {
      auto it = std::find_if(out.begin(), out.end(),
                             [&](const Maintenance& m) { return m.id == u->maintenance_id; });
      if (it != out.end()) Apply(*it, *u, e.occurred_at);
    }
  }
  return out;
}

}  // namespace warroom::core::status_page
