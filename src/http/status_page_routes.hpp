#pragma once

// The public status page's JSON, GET /api/v2/*.json (Statuspage's paths),
// public, from the page held in memory (engine::StatusPageFeed): never a
// database read per request, each answer with a strong ETag (304 for
// If-None-Match), a short public Cache-Control and CORS for reading.

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

void AddStatusPageRoutes(Router& r, const ApiServices& s);

}  // namespace warroom::http
