#pragma once

#include "http/api_routes.hpp"

namespace warroom::http {

// Registers the endpoints of warroom's generic alert format (docs/api.md):
// POST /api/v1/ingest/generic and /api/v1/ingest/generic/{key}, as
// webhook_endpoint.hpp's AddWebhookEndpoint describes.
void AddGenericEndpoint(Router& r, const ApiServices& s);

}  // namespace warroom::http
