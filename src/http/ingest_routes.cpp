#include "http/ingest_routes.hpp"

#include "http/alert_routes.hpp"
#include "http/alertmanager_endpoint.hpp"
#include "http/generic_endpoint.hpp"
#include "http/grafana_endpoint.hpp"
#include "http/integration_routes.hpp"
#include "http/pagerduty_endpoint.hpp"

namespace warroom::http {

void AddIngestRoutes(Router& r, const ApiServices& s) {
  AddIntegrationRoutes(r, s);
  AddAlertmanagerEndpoint(r, s);
  AddGrafanaEndpoint(r, s);
  AddGenericEndpoint(r, s);
  AddAlertRoutes(r, s);
  AddPagerDutyEndpoint(r, s);
}

}  // namespace warroom::http
