#pragma once

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

// Registers every route the server serves, from the one list in
// api_routes.cpp: /healthz, /readyz and every /api/v1 endpoint, and the
// router's authenticator (the bearer token's caller). Throws what
// Router::Add throws for a route registered twice.
void AddApiRoutes(Router& router, ApiServices services);

}  // namespace warroom::http
