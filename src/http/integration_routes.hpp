#pragma once

#include <boost/json.hpp>

#include "http/api_routes.hpp"

namespace warroom::http {

// Registers the alert sources: POST/GET /api/v1/integrations and
// POST /api/v1/integrations/{name}/enable|disable|rotate (admin). Each
// answers the ingest service's result as JSON, or its error as a problem.
void AddIntegrationRoutes(Router& r, const ApiServices& s);

// The list as the API answers it (the integrations page shows the same).
boost::json::object IntegrationsJson(const std::vector<store::Integration>& rows);

}  // namespace warroom::http
