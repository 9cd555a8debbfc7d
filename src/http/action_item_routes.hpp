#pragma once

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

// GET /api/v1/action-items: the action items of every incident the caller
// may see (docs/api.md, "Action items"). Adding and changing one are the
// incident's commands (incident_routes.cpp).
void AddActionItemRoutes(Router& r, const ApiServices& s);

}  // namespace warroom::http
