#pragma once

#include "http/api_routes.hpp"

namespace warroom::http {

// Registers the alerts: GET /api/v1/alerts (filters: status, integration,
// incident, disposition, limit) and /api/v1/alerts/{id} (read), and triage,
// POST /api/v1/alerts/declare|attach|dismiss (respond). An alert of an
// incident the caller may not see is answered as an unknown one.
void AddAlertRoutes(Router& r, const ApiServices& s);

}  // namespace warroom::http
