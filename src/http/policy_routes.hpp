#pragma once

// The severity policy: GET /api/v1/policy and POST /api/v1/policy/classify

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

// Registers both, read scope. Classify answers the engine's suggestion
// (IncidentService::Classify); a bad body or a share outside 0..100 is 400.
void AddPolicyRoutes(Router& r, const ApiServices& s);

}  // namespace warroom::http
