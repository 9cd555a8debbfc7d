#include "http/api_routes.hpp"

#include "http/clock_routes.hpp"
#include "http/freeze_routes.hpp"
#include "http/health_routes.hpp"
#include "http/incident_routes.hpp"
#include "http/openapi_route.hpp"
#include "http/outbox_routes.hpp"
#include "http/policy_routes.hpp"
#include "http/route_support.hpp"
#include "http/template_routes.hpp"
#include "http/user_routes.hpp"

namespace warroom::http {

// The one list of the server's routes, one Add...Routes per noun, in the
// order `warroom routes` lists them.
void AddApiRoutes(Router& r, ApiServices s) {
  // Every route but the public and integration ones runs as the token's
  // caller, its scope checked by the router.
  r.SetAuthenticator([s](const Request& req) { return Authenticate(s, req); });
  AddHealthRoutes(r, s);
  AddOpenApiRoute(r);
  AddPolicyRoutes(r, s);
  AddIncidentRoutes(r, s);
  AddOutboxRoutes(r, s);
  AddFreezeRoutes(r, s);
  AddTemplateRoutes(r, s);
  AddUserRoutes(r, s);
  AddClockRoutes(r, s);
  // The alert sources, alerts and each sender's ingest endpoint
  // (ingest_routes.cpp; to be one Add...Routes per noun and sender).
  AddIngestRoutes(r, s);
}

}  // namespace warroom::http
