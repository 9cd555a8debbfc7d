#pragma once

#include "http/api_routes.hpp"

namespace warroom::http {

// Registers everything alerts come by, in this order (the routes table's):
// the integrations (integration_routes.hpp), each sender's ingest endpoint
// (alertmanager_, grafana_, generic_endpoint.hpp), the alerts and their
// triage (alert_routes.hpp) and PagerDuty's (pagerduty_endpoint.hpp).
void AddIngestRoutes(Router& r, const ApiServices& s);

}  // namespace warroom::http
