#include "core/status_page/public_incident.hpp"

#include <algorithm>
#include <cctype>

#include "core/incident/state.hpp"

namespace warroom::core::status_page {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// What an incident in `s` holds: each affected component at the status its
// severity gives, until service is restored (mitigated: the impact's end,
// as the impact-duration metric counts it; a reopened incident holds again).
std::map<std::string, ComponentStatus> Holding(const IncidentState& s, const PublicRules& rules) {
  std::map<std::string, ComponentStatus> out;
  if (s.status != Status::kInvestigating && s.status != Status::kIdentified) return out;
  auto it = rules.component_status.find(s.severity);
  if (it == rules.component_status.end()) return out;
  for (const std::string& id : ComponentIds(s.impact.affected_components, rules.components))
    out[id] = it->second;
  return out;
}

// A restricted incident's public face: its statements only.
std::optional<PublicIncident> StatementOf(const IncidentState& s, const PublicRules& rules,
                                          std::string slug, std::vector<PublicUpdate> statements,
                                          std::optional<TimePoint> first) {
  if (statements.empty()) return std::nullopt;
  PublicIncident p;
  p.id = s.id;
  p.slug = std::move(slug);
  p.name = rules.restricted_name;
  p.status = PublicStatus(s.status);
  p.created_at = *first;
  p.started_at = *first;
  p.updated_at = std::max(statements.back().at, s.last_lifecycle_at);
  p.impact = Impact::kNone;
  if (s.status == Status::kMonitoring) p.monitoring_at = s.mitigated_at;
  if (!IsOpen(s.status)) p.resolved_at = s.resolved_at.value_or(s.last_lifecycle_at);
  p.updates = std::move(statements);
  std::reverse(p.updates.begin(), p.updates.end());
  return p;
}

}  // namespace

std::string PublicStatus(Status s) {
  switch (s) {
    case Status::kInvestigating:
      return "investigating";
    case Status::kIdentified:
      return "identified";
    case Status::kMonitoring:
      return "monitoring";
    default:
      return "resolved";
  }
}

bool IsComponent(const std::vector<Component>& components, const std::string& id) {
  return std::any_of(components.begin(), components.end(),
                     [&](const Component& c) { return c.id == id; });
}

std::vector<std::string> ComponentIds(const std::vector<std::string>& names,
                                      const std::vector<Component>& components) {
  std::vector<std::string> out;
  for (const std::string& n : names) {
    std::string want = Lower(n);
    for (const Component& c : components) {
      if (Lower(c.id) != want && Lower(c.name) != want) continue;
      if (std::find(out.begin(), out.end(), c.id) == out.end()) out.push_back(c.id);
      break;
    }
  }
  return out;
}

std::optional<PublicIncident> PublicIncidentOf(const std::vector<Event>& history,
                                               const PublicRules& rules, std::string slug) {
  IncidentState s;
  PublicIncident p;
  p.slug = std::move(slug);
  bool published = false;
  std::vector<PublicUpdate> statements;  // posted while restricted
  std::optional<TimePoint> first_statement;
  std::map<std::string, ComponentStatus> held;
  std::map<std::string, TimePoint> since;  // when each held status began
  for (const Event& e : history) {
    Apply(s, e);
    if (const auto* u = std::get_if<events::UpdatePosted>(&e.payload);
        u && u->audience == Audience::kStatusPage) {
      PublicUpdate update{PublicStatus(s.status), u->text, e.occurred_at};
      if (s.visibility == Visibility::kRestricted) {
        if (!first_statement) first_statement = e.occurred_at;
        statements.push_back(update);
      } else {
        if (!published) p.created_at = e.occurred_at;
        published = true;
        p.updates.push_back(std::move(update));
        p.updated_at = std::max(p.updated_at, e.occurred_at);
      }
    }
    std::map<std::string, ComponentStatus> now = Holding(s, rules);
    // A component whose status changed: its stretch ends and another begins.
    for (const auto& [id, status] : held) {
      auto n = now.find(id);
      if (n != now.end() && n->second == status) continue;
      p.contributions.push_back(Contribution{id, status, since[id], e.occurred_at});
    }
    for (const auto& [id, status] : now) {
      auto h = held.find(id);
      if (h != held.end() && h->second == status) continue;
      // The first stretch counts from when the impact began.
      TimePoint from = e.occurred_at;
      if (h == held.end() && !s.resolved_at) {
        TimePoint began = s.impact.impact_start.value_or(s.detected_at.value_or(s.declared_at));
        bool first = std::none_of(p.contributions.begin(), p.contributions.end(),
                                  [&](const Contribution& c) { return c.component == id; });
        if (first) from = std::min(from, began);
      }
      since[id] = from;
    }
    held = std::move(now);
  }
  if (s.visibility == Visibility::kRestricted)
    return StatementOf(s, rules, std::move(p.slug), statements, first_statement);
  if (!published) return std::nullopt;
  for (const auto& [id, status] : held)
    p.contributions.push_back(Contribution{id, status, since[id], std::nullopt});
  std::reverse(p.updates.begin(), p.updates.end());
  p.id = s.id;
  p.name = s.summary;
  p.status = PublicStatus(s.status);
  auto impact = rules.impact.find(s.severity);
  p.impact = impact == rules.impact.end() ? Impact::kNone : impact->second;
  p.started_at = s.impact.impact_start.value_or(s.detected_at.value_or(s.declared_at));
  p.updated_at = std::max(p.updated_at, s.last_lifecycle_at);
  if (s.status == Status::kMonitoring) p.monitoring_at = s.mitigated_at;
  if (!IsOpen(s.status)) p.resolved_at = s.resolved_at.value_or(s.last_lifecycle_at);
  p.components = ComponentIds(s.impact.affected_components, rules.components);
  return p;
}

}  // namespace warroom::core::status_page
