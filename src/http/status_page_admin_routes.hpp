#pragma once

// What publishers change on the public status page apart from incidents,
// under /api/v1/status-page (a token or a session; changes need the
// publish-public permission): the components' statuses and scheduled
// maintenance.

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

void AddStatusPageAdminRoutes(Router& r, const ApiServices& s);  // also adds the next
void AddStatusPageMaintenanceRoutes(Router& r, const ApiServices& s);

}  // namespace warroom::http
