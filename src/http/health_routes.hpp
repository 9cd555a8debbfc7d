#pragma once

// GET /healthz and GET /readyz: public, for load balancers and supervisors.

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

// Registers /healthz (the process answers: 200 {"status":"ok"}) and
// /readyz (200 {"status":"ready"}, or 503 with a reason and Retry-After
// while the server starts, stops or its storage fails).
void AddHealthRoutes(Router& r, const ApiServices& s);

}  // namespace warroom::http
