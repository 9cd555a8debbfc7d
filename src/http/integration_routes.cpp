// The alert sources (integrations): create, list, enable, disable, rotate.
#include "http/integration_routes.hpp"

#include <boost/json.hpp>

#include "api/event_json.hpp"
#include "api/fields.hpp"
#include "base/text.hpp"
#include "http/request_bodies.hpp"
#include "http/route_support.hpp"

namespace warroom::http {

namespace asio = boost::asio;
namespace json = boost::json;
using beast_http::status;
using beast_http::verb;

void AddIntegrationRoutes(Router& r, const ApiServices& s) {
  // Alert sources.
  r.Add(verb::post, "/api/v1/integrations", Scope::kAdmin,
        [s](engine::Caller c, const Request& req, const Params&) -> asio::awaitable<Response> {
          auto body = ParseBody(req, false);
          if (!body.ok()) co_return Problem(body.error(), req.version());
          auto wanted = NewIntegrationOf(*body);
          if (!wanted.ok()) co_return Problem(wanted.error(), req.version());
          std::string type = wanted->type;
          auto start14 = [s, c, n = wanted->name, t = wanted->type](auto done) {
            s.ingest->CreateIntegration(c, n, t, std::move(done));
          };
          auto key = co_await Await<engine::IssuedKey>(start14);
          if (!key.ok()) co_return Problem(key.error(), req.version());
          co_return Json(
              status::created,
              json::object{{"name", key->integration}, {"type", type}, {"key", key->key}},
              req.version());
        });
  r.Add(verb::get, "/api/v1/integrations", Scope::kAdmin,
        [s](engine::Caller c, const Request& req, const Params&) -> asio::awaitable<Response> {
          auto start15 = [s, c](auto done) { s.ingest->ListIntegrations(c, std::move(done)); };
          auto rows = co_await Await<std::vector<store::Integration>>(start15);
          if (!rows.ok()) co_return Problem(rows.error(), req.version());
          json::array items;
          for (const auto& i : *rows)
            items.push_back(json::object{{"name", i.name},
                                         {"type", i.type},
                                         {"enabled", i.enabled},
                                         {"created_at", FormatTime(i.created_at)},
                                         {"rotated_at", api::TimeOrNull(i.rotated_at)},
                                         {"last_report_at", api::TimeOrNull(i.last_report_at)},
                                         {"reports", i.reports}});
          co_return Json(status::ok, json::object{{"items", std::move(items)}}, req.version());
        });
  // One route per action (listed with its own answer); another action is a
  // 404 naming these.
  static constexpr std::string_view kIntegrationActions[] = {"enable", "disable", "rotate"};
  for (std::string_view act : kIntegrationActions) {
    r.Add(
        verb::post, "/api/v1/integrations/{name}/" + std::string(act), Scope::kAdmin,
        [s, action = std::string(act)](engine::Caller c, const Request& req,
                                       const Params& p) -> asio::awaitable<Response> {
          std::string name = p.at("name");
          if (action == "rotate") {
            auto start16 = [s, c, name](auto done) { s.ingest->Rotate(c, name, std::move(done)); };
            auto key = co_await Await<engine::IssuedKey>(start16);
            if (!key.ok()) co_return Problem(key.error(), req.version());
            co_return Json(status::ok, json::object{{"name", key->integration}, {"key", key->key}},
                           req.version());
          }
          bool enabled = action == "enable";
          auto start17 = [s, c, name, enabled](auto done) {
            s.ingest->SetEnabled(c, name, enabled, std::move(done));
          };
          auto r2 = co_await Await<Ok>(start17);
          if (!r2.ok()) co_return Problem(r2.error(), req.version());
          co_return Json(status::ok, json::object{{"name", name}, {"enabled", enabled}},
                         req.version());
        });
  }
  r.AddNotFound("/api/v1/integrations/{name}/{action}", [](const Params& p) {
    std::string known;
    for (std::string_view a : kIntegrationActions)
      known += (known.empty() ? "" : ", ") + std::string(a);
    return "unknown integration action '" + Shown(p.at("action")) + "': use one of " + known;
  });
}

}  // namespace warroom::http
