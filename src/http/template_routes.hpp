#pragma once

// Message templates: GET /api/v1/templates (their names) and
// GET /api/v1/incidents/{id}/comms/{template} (one rendered for an incident,
// neither sent nor recorded).

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

// Registers both, read scope. An unknown incident or template is 404.
void AddTemplateRoutes(Router& r, const ApiServices& s);

}  // namespace warroom::http
