#pragma once

#include "http/api_routes.hpp"

namespace warroom::http {

// Registers the endpoints of Alertmanager's webhook_config (version 4):
// POST /api/v1/ingest/alertmanager and /api/v1/ingest/alertmanager/{key}, as
// webhook_endpoint.hpp's AddWebhookEndpoint describes.
void AddAlertmanagerEndpoint(Router& r, const ApiServices& s);

}  // namespace warroom::http
