#pragma once

// The incidents: list, get, timeline, declare and one route per action
// (docs/api.md, "Endpoints"), each answering the incident as it is after
// the command.

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

// Registers them (read scope to look, respond scope to act) and the 404 of
// an action no route names, which lists the actions. Errors are the
// engine's (IncidentService::Execute) through Problem.
void AddIncidentRoutes(Router& r, const ApiServices& s);

}  // namespace warroom::http
