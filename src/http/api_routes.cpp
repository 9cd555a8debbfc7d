#include "http/api_routes.hpp"

#include "http/action_item_routes.hpp"
#include "http/alert_routes.hpp"
#include "http/alertmanager_endpoint.hpp"
#include "http/clock_routes.hpp"
#include "http/freeze_routes.hpp"
#include "http/generic_endpoint.hpp"
#include "http/grafana_endpoint.hpp"
#include "http/health_routes.hpp"
#include "http/incident_routes.hpp"
#include "http/integration_routes.hpp"
#include "http/openapi_route.hpp"
#include "http/outbox_routes.hpp"
#include "http/pagerduty_endpoint.hpp"
#include "http/policy_routes.hpp"
#include "http/route_support.hpp"
#include "http/session_routes.hpp"
#include "http/status_page_admin_routes.hpp"
#include "http/status_page_routes.hpp"
#include "http/status_page_subscriber_routes.hpp"
#include "http/stream_route.hpp"
#include "http/template_routes.hpp"
#include "http/ui/ui_routes.hpp"
#include "http/user_routes.hpp"

namespace warroom::http {

// The one list of the server's routes, one Add...Routes per noun, in the
// order `warroom routes` lists them.
void AddApiRoutes(Router& r, ApiServices s) {
  // Every route but the public and integration ones runs as the token's
  // caller, its scope checked by the router.
  r.SetAuthenticator([s](const Request& req) { return Authenticate(s, req); });
  if (s.requests) r.SetIdempotency(IdempotencyOf(s));
  AddHealthRoutes(r, s);
  AddOpenApiRoute(r);
  AddPolicyRoutes(r, s);
  AddIncidentRoutes(r, s);
  AddActionItemRoutes(r, s);
  AddOutboxRoutes(r, s);
  AddFreezeRoutes(r, s);
  AddTemplateRoutes(r, s);
  AddUserRoutes(r, s);
  AddSessionRoutes(r, s);
  AddStreamRoute(r, s);
  AddClockRoutes(r, s);
  AddStatusPageRoutes(r, s);
  AddStatusPageSubscriptionRoutes(r, s);
  AddStatusPageAdminRoutes(r, s);
  AddStatusPageSubscriberAdminRoutes(r, s);
  // The alert sources, each sender's ingest endpoint (an integration key,
  // not a token, authenticates those), and the alerts.
  AddIntegrationRoutes(r, s);
  AddAlertmanagerEndpoint(r, s);
  AddGrafanaEndpoint(r, s);
  AddGenericEndpoint(r, s);
  AddAlertRoutes(r, s);
  AddPagerDutyEndpoint(r, s);
  // The web application: pages for a signed-in browser, over the routes
  // above (http/ui/).
  ui::AddUiRoutes(r, s);
}

void AddPublicStatusPageRoutes(Router& r, ApiServices s) {
  r.SetNotFoundHint(" (this address serves only the public status page, /status)");
  AddHealthRoutes(r, s);
  AddStatusPageRoutes(r, s);
  AddStatusPageSubscriptionRoutes(r, s);
  ui::AddAssetRoutes(r, {"status.css"});  // the page's one stylesheet
  r.Add(beast_http::verb::get, "/", Scope::kPublic,
        [](const engine::Caller&, const Request& req,
           const Params&) -> boost::asio::awaitable<Response> {
          Response res{beast_http::status::found, req.version()};
          res.set(beast_http::field::location, "/status");
          res.set(beast_http::field::cache_control, "public, max-age=3600");
          co_return res;
        });
}

}  // namespace warroom::http
