#include "http/status_page_site.hpp"

#include <boost/json.hpp>

#include "http/status_page_html.hpp"
#include "http/status_page_json.hpp"
#include "http/ui/web_files.hpp"

namespace warroom::http {

namespace {

namespace json = boost::json;
namespace sp = core::status_page;

template <json::object (StatusPageJson::*Render)() const>
std::string Json(const sp::PageSettings& settings, const sp::PageView& view) {
  return json::serialize((StatusPageJson{settings, view, settings.url}.*Render)());
}

template <std::string (StatusPageHtml::*Render)() const>
std::string Html(const sp::PageSettings& settings, const sp::PageView& view) {
  return (StatusPageHtml{settings, view}.*Render)();
}

template <std::optional<std::string> (StatusPageHtml::*Render)(const std::string&) const>
std::optional<std::string> One(const sp::PageSettings& settings, const sp::PageView& view,
                               const std::string& name) {
  return (StatusPageHtml{settings, view}.*Render)(name);
}

constexpr std::string_view kJson = "application/json";

constexpr FixedDocument kFixed[] = {
    {"/api/v2/status.json", kJson, &Json<&StatusPageJson::StatusDocument>},
    {"/api/v2/summary.json", kJson, &Json<&StatusPageJson::SummaryDocument>},
    {"/api/v2/components.json", kJson, &Json<&StatusPageJson::ComponentsDocument>},
    {"/api/v2/incidents.json", kJson, &Json<&StatusPageJson::IncidentsDocument>},
    {"/api/v2/incidents/unresolved.json", kJson, &Json<&StatusPageJson::UnresolvedDocument>},
    {"/api/v2/scheduled-maintenances.json", kJson, &Json<&StatusPageJson::MaintenancesDocument>},
    {"/api/v2/scheduled-maintenances/upcoming.json", kJson,
     &Json<&StatusPageJson::UpcomingMaintenancesDocument>},
    {"/api/v2/scheduled-maintenances/active.json", kJson,
     &Json<&StatusPageJson::ActiveMaintenancesDocument>},
    {"/status", kHtml, &Html<&StatusPageHtml::Index>},
    {"/status/feed.atom", "application/atom+xml; charset=utf-8", &Html<&StatusPageHtml::Feed>},
};

std::vector<std::string> Slugs(const sp::PageView& view) {
  std::vector<std::string> out;
  for (const sp::PublicIncident& p : view.incidents) out.push_back(p.slug);
  return out;
}

std::vector<std::string> MaintenanceIds(const sp::PageView& view) {
  std::vector<std::string> out;
  for (const sp::Maintenance& m : view.maintenances) out.push_back(m.id);
  return out;
}

constexpr ItemPage kItems[] = {
    {"/status/incidents/", "slug", &One<&StatusPageHtml::Incident>, &Slugs},
    {"/status/maintenances/", "id", &One<&StatusPageHtml::Maintenance>, &MaintenanceIds},
};

}  // namespace

std::span<const FixedDocument> FixedStatusPageDocuments() { return kFixed; }

std::span<const ItemPage> StatusPageItemPages() { return kItems; }

std::vector<SiteFile> StatusPageSite(const sp::PageSettings& settings, const sp::PageView& view) {
  std::vector<SiteFile> out;
  for (const FixedDocument& d : kFixed)
    out.push_back({std::string(d.path), d.content_type, d.render(settings, view)});
  for (const ItemPage& item : kItems)
    for (const std::string& name : item.names(view))
      if (auto bytes = item.render(settings, view, name))
        out.push_back({std::string(item.prefix) + name, kHtml, std::move(*bytes)});
  if (const ui::WebFile* css = ui::FindWebFile("assets/status.css"))
    out.push_back({"/assets/status.css", ui::ContentTypeOf(css->path), std::string(css->bytes)});
  return out;
}

}  // namespace warroom::http
