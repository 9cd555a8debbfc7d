#include "http/status_page_html.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <map>

#include "http/ui/page.hpp"
#include "http/ui/web_files.hpp"

namespace warroom::http {

namespace json = boost::json;
namespace sp = core::status_page;

namespace {

// "2026-02-12 15:23", in the page's zone (the footer names it).
std::string Local(const TimeZone& zone, TimePoint t) {
  auto local = std::chrono::floor<std::chrono::minutes>(zone.ToLocal(t));
  auto day = std::chrono::floor<std::chrono::days>(local);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss hms{local - day};
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u %02ld:%02ld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()));
  return out;
}

std::string Percent(double share) {
  char out[16];
  std::snprintf(out, sizeof out, "%.2f%%", share * 100.0);
  return out;
}

std::string Capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// "in_progress" -> "In progress".
std::string Label(std::string status) {
  std::replace(status.begin(), status.end(), '_', ' ');
  return Capitalized(std::move(status));
}

std::string BarClass(sp::ComponentStatus s) {
  switch (s) {
    case sp::ComponentStatus::kMajorOutage:
      return "major";
    case sp::ComponentStatus::kPartialOutage:
      return "partial";
    case sp::ComponentStatus::kDegradedPerformance:
      return "degraded";
    case sp::ComponentStatus::kUnderMaintenance:
      return "maint";
    default:
      return "ok";
  }
}

std::string Render(std::string_view path, const json::object& data) {
  const ui::WebFile* f = ui::FindWebFile(path);
  if (!f) return "";
  auto out = ui::RenderTemplate(f->bytes, data);
  return out.ok() ? *out : "";
}

struct Builder {
  const sp::PageSettings& settings;
  const sp::PageView& view;

  std::string When(TimePoint t) const { return Local(*settings.zone, t); }

  std::string Affected(const sp::PublicIncident& p) const { return Names(p.components); }

  json::object Incident(const sp::PublicIncident& p) const {
    json::array updates;
    for (const sp::PublicUpdate& u : p.updates)
      updates.push_back(json::object{{"status_label", Capitalized(u.status)},
                                     {"when", When(u.at)},
                                     {"at", FormatTime(u.at)},
                                     {"body", u.body}});
    json::object o{{"slug", p.slug},
                   {"name", p.name},
                   {"impact", sp::ImpactName(p.impact)},
                   {"status_label", Capitalized(p.status)},
                   {"affected", Affected(p)},
                   {"started", When(p.started_at)},
                   {"when", When(p.created_at)},
                   {"published", FormatTime(p.created_at)},
                   {"updated", FormatTime(p.updated_at)},
                   {"updates", std::move(updates)}};
    if (p.resolved_at) {
      o["resolved"] = When(*p.resolved_at);
      o["duration"] = FormatDurationWords(*p.resolved_at - p.started_at);
    }
    return o;
  }

  std::string Names(const std::vector<std::string>& ids) const {
    std::string s;
    for (const sp::ComponentView& c : view.components)
      for (const std::string& id : ids)
        if (id == c.component.id) s += (s.empty() ? "" : ", ") + c.component.name;
    return s;
  }

  json::object Maintenance(const sp::Maintenance& m) const {
    json::array updates;
    for (const sp::PublicUpdate& u : m.updates)
      updates.push_back(json::object{{"status_label", Label(u.status)},
                                     {"when", When(u.at)},
                                     {"at", FormatTime(u.at)},
                                     {"body", u.body}});
    const sp::MaintenanceStatus status = m.StatusAt(view.built_at);
    return {{"id", m.id},
            {"name", m.name},
            {"status", sp::MaintenanceStatusName(status)},
            {"status_label", Label(std::string(sp::MaintenanceStatusName(status)))},
            {"affected", Names(m.components)},
            {"from", When(m.StartsAt())},
            {"until", When(m.EndsAt())},
            {"when", When(m.scheduled_for)},
            {"published", FormatTime(m.created_at)},
            {"updated", FormatTime(m.ChangedAt(view.built_at))},
            {"updates", std::move(updates)}};
  }

  json::array Maintenances(const std::vector<const sp::Maintenance*>& list) const {
    json::array out;
    for (const sp::Maintenance* m : list) out.push_back(Maintenance(*m));
    return out;
  }

  json::object Component(const sp::ComponentView& c) const {
    json::array days;
    for (const sp::DayUptime& d : c.days) {
      std::string title = Local(FixedOffsetZone(), d.day).substr(0, 10) + ": " + Percent(d.uptime);
      if (d.major > Duration::zero())
        title += ", " + FormatDurationWords(d.major) + " major outage";
      if (d.partial > Duration::zero())
        title += ", " + FormatDurationWords(d.partial) + " partial outage";
      if (d.degraded > Duration::zero())
        title += ", " + FormatDurationWords(d.degraded) + " degraded";
      days.push_back(json::object{{"cls", BarClass(d.worst)}, {"title", title}});
    }
    return {{"id", c.component.id},
            {"name", c.component.name},
            {"status", sp::ComponentStatusName(c.status)},
            {"status_label", sp::ComponentStatusLabel(c.status)},
            {"uptime", Percent(c.uptime)},
            {"days_count", static_cast<std::int64_t>(c.days.size())},
            {"days", std::move(days)}};
  }

  json::object Page() const {
    json::array links;
    for (const sp::Link& l : settings.links)
      links.push_back(json::object{{"name", l.name}, {"url", ui::SafeHref(l.url)}});
    return {{"name", settings.name},
            {"logo_url", ui::SafeHref(settings.logo_url)},
            {"links", std::move(links)},
            {"time_zone", settings.time_zone},
            {"subscribe", settings.subscriptions},
            {"updated", When(view.updated_at)}};
  }

  std::string InLayout(const std::string& title, const std::string& body) const {
    return Render("status/layout.html",
                  json::object{{"title", title}, {"page", Page()}, {"body", body}});
  }
};

}  // namespace

std::string StatusPageHtml::Index() const {
  Builder b{settings, view};
  json::array unresolved, past, sections;
  for (const sp::PublicIncident& p : view.unresolved) unresolved.push_back(b.Incident(p));
  for (const sp::PublicIncident& p : view.incidents)
    if (p.Resolved()) past.push_back(b.Incident(p));
  // Components in their configured order; a group where its first member is.
  std::map<std::string, std::size_t> group_at;
  for (const sp::ComponentView& c : view.components) {
    const std::string& g = c.component.group;
    auto it = g.empty() ? group_at.end() : group_at.find(g);
    if (it == group_at.end()) {
      json::object section{{"components", json::array()}};
      if (!g.empty()) {
        section["group"] = g;
        group_at[g] = sections.size();
      }
      sections.push_back(std::move(section));
      it = g.empty() ? group_at.end() : group_at.find(g);
    }
    json::object& section = sections[g.empty() ? sections.size() - 1 : it->second].as_object();
    section["components"].as_array().push_back(b.Component(c));
  }
  for (auto& v : sections) {
    json::object& s = v.as_object();
    if (!s.contains("group")) continue;
    sp::ComponentStatus worst = sp::ComponentStatus::kOperational;
    for (const sp::ComponentView& c : view.components)
      if (c.component.group == s["group"].as_string()) worst = std::max(worst, c.status);
    s["status"] = sp::ComponentStatusName(worst);
    s["status_label"] = sp::ComponentStatusLabel(worst);
  }
  auto upcoming = view.MaintenancesIn(sp::MaintenanceStatus::kScheduled);
  auto completed = view.MaintenancesIn(sp::MaintenanceStatus::kCompleted);
  json::object data{{"status", json::object{{"indicator", sp::IndicatorName(view.indicator)},
                                            {"description", view.description}}},
                    {"unresolved", std::move(unresolved)},
                    {"active_maintenances", b.Maintenances(view.ActiveMaintenances())},
                    {"has_upcoming", !upcoming.empty()},
                    {"upcoming_maintenances", b.Maintenances(upcoming)},
                    {"has_past_maintenances", !completed.empty()},
                    {"past_maintenances", b.Maintenances(completed)},
                    {"sections", std::move(sections)},
                    {"past", std::move(past)},
                    {"history_days", settings.history_days},
                    {"page", b.Page()}};
  return b.InLayout(settings.name, Render("status/index.html", data));
}

std::optional<std::string> StatusPageHtml::Incident(const std::string& slug) const {
  Builder b{settings, view};
  for (const sp::PublicIncident& p : view.incidents) {
    if (p.slug != slug) continue;
    json::object data{{"incident", b.Incident(p)}, {"page", b.Page()}};
    return b.InLayout(p.name + " - " + settings.name, Render("status/incident.html", data));
  }
  return std::nullopt;
}

std::optional<std::string> StatusPageHtml::Maintenance(const std::string& id) const {
  Builder b{settings, view};
  for (const sp::Maintenance& m : view.maintenances) {
    if (m.id != id) continue;
    json::object data{{"maintenance", b.Maintenance(m)}, {"page", b.Page()}};
    return b.InLayout(m.name + " - " + settings.name, Render("status/maintenance.html", data));
  }
  return std::nullopt;
}

std::string StatusPageHtml::Framed(const std::string& title, const std::string& template_path,
                                   json::object data) const {
  Builder b{settings, view};
  data["page"] = b.Page();
  return b.InLayout(title + " - " + settings.name, Render(template_path, data));
}

std::string StatusPageHtml::Feed() const {
  Builder b{settings, view};
  json::array entries, maintenances;
  for (const sp::PublicIncident& p : view.incidents) entries.push_back(b.Incident(p));
  for (const sp::Maintenance& m : view.maintenances) maintenances.push_back(b.Maintenance(m));
  return Render("status/feed.atom",
                json::object{{"page", b.Page()},
                             {"base", settings.url},
                             // Atom ids are IRIs: a tag URI without a public address.
                             {"id_base", settings.url.empty() ? std::string("tag:warroom,2026:")
                                                              : settings.url + "/"},
                             {"updated", FormatTime(view.updated_at)},
                             {"entries", std::move(entries)},
                             {"maintenances", std::move(maintenances)}});
}

}  // namespace warroom::http
