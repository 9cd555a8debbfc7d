// The alert sources (integrations): create, list, enable, disable, rotate.
#include "http/integration_routes.hpp"

#include <boost/json.hpp>

#include "api/event_json.hpp"
#include "base/text.hpp"
#include "engine/ingest_service.hpp"
#include "http/handler.hpp"
#include "http/request_bodies.hpp"

namespace warroom::http {

namespace json = boost::json;
using beast_http::status;
using beast_http::verb;

namespace {

json::object KeyJson(const engine::IssuedKey& key) {
  return json::object{{"name", key.integration}, {"key", key.key}};
}

// One route per action (listed with its own answer); another action is a
// 404 naming these.
constexpr std::string_view kIntegrationActions[] = {"enable", "disable", "rotate"};

}  // namespace

json::object IntegrationsJson(const std::vector<store::Integration>& rows) {
  json::array items;
  for (const auto& i : rows)
    items.push_back(json::object{{"name", i.name},
                                 {"type", core::SenderName(i.type)},
                                 {"enabled", i.enabled},
                                 {"created_at", FormatTime(i.created_at)},
                                 {"rotated_at", api::TimeOrNull(i.rotated_at)},
                                 {"last_report_at", api::TimeOrNull(i.last_report_at)},
                                 {"reports", i.reports}});
  return json::object{{"items", std::move(items)}};
}

void AddIntegrationRoutes(Router& r, const ApiServices& s) {
  r.Add(verb::post, "/api/v1/integrations", Scope::kAdmin,
        Handle<engine::IssuedKey>(
            JsonBody(NewIntegrationOf),
            [s](const engine::Caller& c, const NewIntegration& n, Done<engine::IssuedKey> done) {
              s.ingest->CreateIntegration(c, n.name, n.type, std::move(done));
            },
            [](const NewIntegration& n, const engine::IssuedKey& key) {
              return json::object{{"name", key.integration}, {"type", n.type}, {"key", key.key}};
            },
            status::created));
  r.Add(verb::get, "/api/v1/integrations", Scope::kAdmin,
        Handle<std::vector<store::Integration>>(
            NoInput,
            [s](const engine::Caller& c, Ok, Done<std::vector<store::Integration>> done) {
              s.ingest->ListIntegrations(c, std::move(done));
            },
            IntegrationsJson));
  for (bool enabled : {true, false}) {
    r.Add(verb::post,
          enabled ? "/api/v1/integrations/{name}/enable" : "/api/v1/integrations/{name}/disable",
          Scope::kAdmin,
          Handle<Ok>(
              PathParam("name"),
              [s, enabled](const engine::Caller& c, const std::string& name, Done<Ok> done) {
                s.ingest->SetEnabled(c, name, enabled, std::move(done));
              },
              [enabled](const std::string& name, Ok) {
                return json::object{{"name", name}, {"enabled", enabled}};
              }));
  }
  r.Add(verb::post, "/api/v1/integrations/{name}/rotate", Scope::kAdmin,
        Handle<engine::IssuedKey>(
            PathParam("name"),
            [s](const engine::Caller& c, const std::string& name, Done<engine::IssuedKey> done) {
              s.ingest->Rotate(c, name, std::move(done));
            },
            KeyJson));
  r.AddNotFound("/api/v1/integrations/{name}/{action}", [](const Params& p) {
    std::string known;
    for (std::string_view a : kIntegrationActions)
      known += (known.empty() ? "" : ", ") + std::string(a);
    return "unknown integration action '" + Shown(p.at("action")) + "': use one of " + known;
  });
}

}  // namespace warroom::http
