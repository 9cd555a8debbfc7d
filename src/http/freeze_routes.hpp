#pragma once

// GET /api/v1/freezes: the incidents that stop deploys.

#include <boost/json.hpp>

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

// Registers it, read scope: {frozen, items}; a freeze the caller may not
// see is listed as {restricted: true, since} only.
void AddFreezeRoutes(Router& r, const ApiServices& s);

// The answer's body (the dashboard shows the same).
boost::json::object FreezesJson(const std::vector<engine::Freeze>& rows);

}  // namespace warroom::http
