#pragma once

#include <boost/json.hpp>
#include <string>

#include "core/status_page/page.hpp"

namespace warroom::http {

// The public status page's JSON in the shape of the hosted Statuspage API
// (v2), so the widgets and aggregators that read one read warroom's
// unchanged: `page`, `status` {indicator, description}, `components`
// (groups as components with `group: true` and their members' ids),
// `incidents` with `incident_updates`, `scheduled_maintenances`. An
// incident's id is its slug, never its internal id. `base_url`: where the
// page is served (the shortlinks).
struct StatusPageJson {
  const core::status_page::PageSettings& settings;
  const core::status_page::PageView& view;
  std::string base_url;

  boost::json::object Page() const;
  boost::json::object Status() const;
  boost::json::array Components() const;
  boost::json::object Incident(const core::status_page::PublicIncident& p) const;
  // Newest first, at most `limit`.
  boost::json::array Incidents(const std::vector<core::status_page::PublicIncident>& list,
                               std::size_t limit = 50) const;

  // A maintenance as Statuspage shows one: an incident with impact
  // "maintenance", its window, its updates and its components.
  boost::json::object Maintenance(const core::status_page::Maintenance& m) const;
  boost::json::array Maintenances(
      const std::vector<const core::status_page::Maintenance*>& list) const;

  // The documents, by their path under /api/v2/.
  boost::json::object StatusDocument() const;
  boost::json::object SummaryDocument() const;
  boost::json::object ComponentsDocument() const;
  boost::json::object IncidentsDocument() const;
  boost::json::object UnresolvedDocument() const;
  boost::json::object MaintenancesDocument() const;          // every one of the window
  boost::json::object UpcomingMaintenancesDocument() const;  // scheduled, soonest first
  boost::json::object ActiveMaintenancesDocument() const;    // in progress or verifying
};

}  // namespace warroom::http
