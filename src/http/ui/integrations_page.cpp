// GET /integrations (admins): the alert sources, each with what to paste
// into its sender (an Alertmanager receiver, a Grafana contact point, a
// PagerDuty-style routing key, a generic webhook), and forms to add one,
// enable or disable it and rotate its key. A key is shown once, when it is
// made; the snippets then carry it.
#include <boost/asio/awaitable.hpp>

#include "http/await.hpp"
#include "http/integration_routes.hpp"
#include "http/ui/page.hpp"
#include "http/ui/ui_routes.hpp"

namespace warroom::http::ui {

namespace json = boost::json;

namespace {

// What a sender of `type` is configured with; KEY stands for the key and
// BASE for this server's address (filled in by the page's script).
std::string Snippet(std::string_view type, std::string_view name) {
  std::string n(name);
  if (type == "alertmanager")
    return "# alertmanager.yml\nreceivers:\n  - name: warroom\n    webhook_configs:\n"
           "      - url: BASE/api/v1/ingest/alertmanager\n        send_resolved: true\n"
           "        http_config:\n          authorization:\n            credentials: KEY\n";
  if (type == "grafana")
    return "Grafana > Alerting > Contact points > New: integration \"Webhook\",\nURL: "
           "BASE/api/v1/ingest/grafana/KEY\n";
  if (type == "pagerduty")
    return "Any sender of PagerDuty's Events API v2:\nURL: BASE/v2/enqueue\nrouting_key: KEY\n";
  return "curl -X POST BASE/api/v1/ingest/generic \\\n  -H 'Authorization: Bearer KEY' "
         "-H 'Content-Type: application/json' \\\n  -d '{\"alerts\": [{\"key\": \"" +
         n + "-check\", \"summary\": \"Something broke\"}]}'\n";
}

}  // namespace

void AddIntegrationsPage(Router& r, const ApiServices& s) {
  r.Add(beast_http::verb::get, "/integrations", Scope::kPage,
        [s](const engine::Caller& c, const Request& req,
            const Params&) -> boost::asio::awaitable<Response> {
          PageContext ctx{"Integrations", "integrations", &c, CsrfOf(req)};
          if (!c.IsAdmin())
            co_return ErrorPage(Error::PermissionDenied("integrations are for admins"), ctx, req);
          auto rows = co_await Await<std::vector<store::Integration>>(
              [&](auto done) { s.ingest->ListIntegrations(c, std::move(done)); });
          if (!rows.ok()) co_return ErrorPage(rows.error(), ctx, req);
          json::object data = IntegrationsJson(*rows);
          for (json::value& v : data["items"].as_array()) {
            json::object& o = v.as_object();
            o["snippet"] = Snippet(o.at("type").as_string(), o.at("name").as_string());
          }
          data["count"] = rows->size();
          co_return RenderPage("integrations", std::move(data), ctx, req);
        });
}

}  // namespace warroom::http::ui
