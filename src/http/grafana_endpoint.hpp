#pragma once

#include "http/api_routes.hpp"

namespace warroom::http {

// Registers the endpoints of Grafana's webhook contact point (version 1):
// POST /api/v1/ingest/grafana and /api/v1/ingest/grafana/{key}, as
// webhook_endpoint.hpp's AddWebhookEndpoint describes.
void AddGrafanaEndpoint(Router& r, const ApiServices& s);

}  // namespace warroom::http
