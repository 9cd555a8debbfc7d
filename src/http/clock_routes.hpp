#pragma once

// The server's clock: GET /api/v1/clock (read) and, when it is simulated,
// POST /api/v1/clock/advance (admin).

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

// Registers both. The advance steps through every due time on the way
// (engine/clock_runner); its refusals are the runner's, through Problem.
void AddClockRoutes(Router& r, const ApiServices& s);

}  // namespace warroom::http
