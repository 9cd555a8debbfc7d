#include "http/health_routes.hpp"

#include <boost/json.hpp>

#include "http/handler.hpp"

namespace warroom::http {

namespace json = boost::json;
using beast_http::status;
using beast_http::verb;

namespace {

// 200 when the server can serve writes; 503 with why, and when to ask again.
Response Readiness(const ApiServices& s) {
  std::string why = s.ready && !s.ready() ? std::string("the server is starting or stopping")
                    : s.unready_reason    ? s.unready_reason()
                                          : std::string();
  json::object body{{"status", why.empty() ? "ready" : "not ready"}};
  if (!why.empty()) body["reason"] = why;
  // Readiness is about serving requests: an instance that does not hold
  // the background lease serves them as well as the one that does.
  if (s.background) {
    auto b = s.background();
    body["instance"] = b.instance;
    body["background"] = json::object{{"holder", b.holder}, {"epoch", b.epoch}, {"here", b.here}};
  }
  Response res = Json(why.empty() ? status::ok : status::service_unavailable, body);
  if (!why.empty()) res.set(beast_http::field::retry_after, "1");
  return res;
}

}  // namespace

void AddHealthRoutes(Router& r, const ApiServices& s) {
  r.Add(verb::get, "/healthz", Scope::kPublic, Show([](const engine::Caller&) {
          return json::object{{"status", "ok"}};
        }));
  r.Add(verb::get, "/readyz", Scope::kPublic,
        Show([s](const engine::Caller&) { return Readiness(s); }));
}

}  // namespace warroom::http
