#pragma once

#include <boost/json.hpp>

#include "http/api_routes.hpp"
#include "store/records.hpp"

namespace warroom::http {

// Registers the alerts: GET /api/v1/alerts (filters: status, integration,
// incident, disposition, limit) and /api/v1/alerts/{id} (read), and triage,
// POST /api/v1/alerts/declare|attach|dismiss (respond). An alert of an
// incident the caller may not see is answered as an unknown one.
void AddAlertRoutes(Router& r, const ApiServices& s);

// An alert as the API answers it (the triage page shows the same).
boost::json::object AlertJson(const store::AlertRecord& a);

}  // namespace warroom::http
