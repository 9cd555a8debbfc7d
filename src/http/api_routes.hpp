#pragma once

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

// Registers every route the server serves, from the one list in
// api_routes.cpp: /healthz, /readyz and every /api/v1 endpoint, and the
// router's authenticator (the bearer token's caller). Throws what
// Router::Add throws for a route registered twice.
void AddApiRoutes(Router& router, ApiServices services);

// The public status page's listener (serve --status-page-listen): only
// what anyone may read without signing in, /healthz and /readyz for its load
// balancer, the status page, its feed and its JSON (AddStatusPageRoutes),
// and / sending a reader to /status. No token is read there: an API or a
// page of the application is a 404, as for a path that does not exist.
void AddPublicStatusPageRoutes(Router& router, ApiServices services);

}  // namespace warroom::http
