#include "http/status_page_json.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace warroom::http {

namespace json = boost::json;
namespace sp = core::status_page;

namespace {

// The page's id in every document: one warroom serves one page.
constexpr const char* kPageId = "warroom";

json::value TimeOr(const std::optional<TimePoint>& t) {
  if (!t) return nullptr;
  return json::string(FormatTime(*t));
}

std::string GroupId(const std::string& group) {
  std::string id = "group-";
  for (char c : group) {
    unsigned char u = static_cast<unsigned char>(c);
    id += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '-';
  }
  return id;
}

// An incident's or a maintenance's updates (newest first), numbered from the
// oldest so an update keeps its id as more come.
json::array UpdatesJson(const std::string& id, const std::vector<sp::PublicUpdate>& updates) {
  json::array out;
  for (std::size_t i = 0; i < updates.size(); ++i) {
    const sp::PublicUpdate& u = updates[i];
    out.push_back(json::object{{"id", id + "-" + std::to_string(updates.size() - i)},
                               {"status", u.status},
                               {"body", u.body},
                               {"incident_id", id},
                               {"created_at", FormatTime(u.at)},
                               {"updated_at", FormatTime(u.at)},
                               {"display_at", FormatTime(u.at)},
                               {"affected_components", nullptr},
                               {"deliver_notifications", true}});
  }
  return out;
}

// The components `ids` names, in the page's order, with their status now.
json::array AffectedJson(const sp::PageView& view, const std::vector<std::string>& ids) {
  json::array out;
  for (const sp::ComponentView& c : view.components)
    if (std::find(ids.begin(), ids.end(), c.component.id) != ids.end())
      out.push_back(json::object{{"id", c.component.id},
                                 {"name", c.component.name},
                                 {"status", sp::ComponentStatusName(c.status)},
                                 {"page_id", kPageId}});
  return out;
}

// The scheduled ones, soonest first (the view holds the latest first).
std::vector<const sp::Maintenance*> UpcomingOf(const sp::PageView& view) {
  std::vector<const sp::Maintenance*> out = view.MaintenancesIn(sp::MaintenanceStatus::kScheduled);
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace

json::object StatusPageJson::Page() const {
  return {{"id", kPageId},
          {"name", settings.name},
          {"url", base_url},
          {"time_zone", settings.time_zone},
          {"updated_at", FormatTime(view.updated_at)}};
}

json::object StatusPageJson::Status() const {
  return {{"indicator", sp::IndicatorName(view.indicator)}, {"description", view.description}};
}

json::array StatusPageJson::Components() const {
  json::array out;
  // Each group once, where its first member stands; then its members.
  std::map<std::string, std::vector<const sp::ComponentView*>> groups;
  for (const sp::ComponentView& c : view.components)
    if (!c.component.group.empty()) groups[c.component.group].push_back(&c);
  std::vector<std::string> shown;
  int position = 0;
  auto one = [&](const sp::ComponentView& c) {
    const std::string& g = c.component.group;
    json::object o{
        {"id", c.component.id},
        {"name", c.component.name},
        {"status", sp::ComponentStatusName(c.status)},
        {"created_at", FormatTime(c.days.empty() ? c.updated_at : c.days.front().day)},
        {"updated_at", FormatTime(c.updated_at)},
        {"position", ++position},
        {"description", c.component.description.empty() ? json::value(nullptr)
                                                        : json::value(c.component.description)},
        {"showcase", true},
        {"start_date", nullptr},
        {"group_id", g.empty() ? json::value(nullptr) : json::value(GroupId(g))},
        {"page_id", kPageId},
        {"group", false},
        {"only_show_if_degraded", false},
        {"uptime", c.uptime}};
    out.push_back(std::move(o));
  };
  for (const sp::ComponentView& c : view.components) {
    const std::string& g = c.component.group;
    if (!g.empty() && std::find(shown.begin(), shown.end(), g) == shown.end()) {
      shown.push_back(g);
      json::array members;
      sp::ComponentStatus worst = sp::ComponentStatus::kOperational;
      TimePoint updated{};
      for (const sp::ComponentView* m : groups[g]) {
        members.emplace_back(m->component.id);
        worst = std::max(worst, m->status);
        updated = std::max(updated, m->updated_at);
      }
      out.push_back(json::object{{"id", GroupId(g)},
                                 {"name", g},
                                 {"status", sp::ComponentStatusName(worst)},
                                 {"created_at", FormatTime(updated)},
                                 {"updated_at", FormatTime(updated)},
                                 {"position", ++position},
                                 {"description", nullptr},
                                 {"showcase", false},
                                 {"start_date", nullptr},
                                 {"group_id", nullptr},
                                 {"page_id", kPageId},
                                 {"group", true},
                                 {"only_show_if_degraded", false},
                                 {"components", std::move(members)}});
    }
    one(c);
  }
  return out;
}

json::object StatusPageJson::Incident(const sp::PublicIncident& p) const {
  return {{"id", p.slug},
          {"name", p.name},
          {"status", p.status},
          {"created_at", FormatTime(p.created_at)},
          {"updated_at", FormatTime(p.updated_at)},
          {"monitoring_at", TimeOr(p.monitoring_at)},
          {"resolved_at", TimeOr(p.resolved_at)},
          {"impact", sp::ImpactName(p.impact)},
          {"shortlink", base_url + "/status/incidents/" + p.slug},
          {"started_at", FormatTime(p.started_at)},
          {"page_id", kPageId},
          {"incident_updates", UpdatesJson(p.slug, p.updates)},
          {"components", AffectedJson(view, p.components)}};
}

json::object StatusPageJson::Maintenance(const sp::Maintenance& m) const {
  const std::string status(sp::MaintenanceStatusName(m.StatusAt(view.built_at)));
  bool done = status == "completed";
  return {{"id", m.id},
          {"name", m.name},
          {"status", status},
          {"created_at", FormatTime(m.created_at)},
          {"updated_at", FormatTime(m.ChangedAt(view.built_at))},
          {"monitoring_at", nullptr},
          {"resolved_at", done ? json::value(FormatTime(m.EndsAt())) : json::value(nullptr)},
          {"impact", "maintenance"},
          {"shortlink", base_url + "/status/maintenances/" + m.id},
          {"started_at", FormatTime(m.StartsAt())},
          {"page_id", kPageId},
          {"scheduled_for", FormatTime(m.scheduled_for)},
          {"scheduled_until", FormatTime(m.scheduled_until)},
          {"incident_updates", UpdatesJson(m.id, m.updates)},
          {"components", AffectedJson(view, m.components)}};
}

json::array StatusPageJson::Maintenances(const std::vector<const sp::Maintenance*>& list) const {
  json::array out;
  for (const sp::Maintenance* m : list) out.push_back(Maintenance(*m));
  return out;
}

json::array StatusPageJson::Incidents(const std::vector<sp::PublicIncident>& list,
                                      std::size_t limit) const {
  json::array out;
  for (std::size_t i = 0; i < list.size() && i < limit; ++i) out.push_back(Incident(list[i]));
  return out;
}

json::object StatusPageJson::StatusDocument() const {
  return {{"page", Page()}, {"status", Status()}};
}
json::object StatusPageJson::SummaryDocument() const {
  return {{"page", Page()},
          {"components", Components()},
          {"incidents", Incidents(view.unresolved)},
          {"scheduled_maintenances",
           [&] {
             // Statuspage's summary: the ones not completed.
             json::array out = Maintenances(view.ActiveMaintenances());
             for (json::value& v : Maintenances(UpcomingOf(view))) out.push_back(std::move(v));
             return out;
           }()},
          {"status", Status()}};
}
json::object StatusPageJson::ComponentsDocument() const {
  return {{"page", Page()}, {"components", Components()}};
}
json::object StatusPageJson::IncidentsDocument() const {
  return {{"page", Page()}, {"incidents", Incidents(view.incidents)}};
}
json::object StatusPageJson::UnresolvedDocument() const {
  return {{"page", Page()}, {"incidents", Incidents(view.unresolved)}};
}
json::object StatusPageJson::MaintenancesDocument() const {
  std::vector<const sp::Maintenance*> all;
  for (const sp::Maintenance& m : view.maintenances) all.push_back(&m);
  return {{"page", Page()}, {"scheduled_maintenances", Maintenances(all)}};
}
json::object StatusPageJson::UpcomingMaintenancesDocument() const {
  return {{"page", Page()}, {"scheduled_maintenances", Maintenances(UpcomingOf(view))}};
}
json::object StatusPageJson::ActiveMaintenancesDocument() const {
  return {{"page", Page()}, {"scheduled_maintenances", Maintenances(view.ActiveMaintenances())}};
}

}  // namespace warroom::http
