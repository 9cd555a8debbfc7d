#pragma once

// What publishers change on the public status page apart from incidents,
// under /api/v1/status-page (a token or a session; changes need the
// publish-public permission): the components' statuses and scheduled
// maintenance.

#include <boost/json.hpp>

#include "engine/status_page_service.hpp"
#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

void AddStatusPageAdminRoutes(Router& r, const ApiServices& s);  // also adds the next
void AddStatusPageMaintenanceRoutes(Router& r, const ApiServices& s);

// A component as publishers read it: its status now and who set it.
boost::json::object PublishedComponentJson(const engine::PublishedComponent& p);
// A maintenance as publishers read it: its status as of the answer, its
// window as last moved, and every update, newest first.
boost::json::object MaintenanceJson(const engine::PublishedMaintenance& p);

}  // namespace warroom::http
