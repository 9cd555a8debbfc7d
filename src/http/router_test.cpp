#include "http/router.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "http/problem.hpp"

namespace warroom::http {
namespace {

namespace asio = boost::asio;
using beast_http::verb;

// A router whose bearer tokens are permission names ("viewer", ...).
Router TestRouter() {
  Router r;
  r.SetAuthenticator([](const Request& req) -> asio::awaitable<Result<engine::Caller>> {
    std::string token(req[beast_http::field::authorization]);
    auto p = store::ParsePermission(token);
    if (!p) co_return Error::Unauthenticated("no live token");
    co_return engine::Caller{"user-" + token, *p};
  });
  auto echo = [](const engine::Caller& c, const Request& req,
                 const Params&) -> asio::awaitable<Response> {
    co_return Json(beast_http::status::ok, boost::json::object{{"handle", c.handle}},
                   req.version());
  };
  r.Add(verb::get, "/healthz", Scope::kPublic, echo);
  r.Add(verb::get, "/api/v1/incidents/{id}", Scope::kRead, echo);
  r.Add(verb::post, "/api/v1/incidents/{id}/{action}", Scope::kRespond, echo);
  r.Add(verb::post, "/api/v1/users", Scope::kAdmin, echo);
  r.Add(verb::post, "/api/v1/ingest/generic", Scope::kIntegration, echo);
  return r;
}

Response Send(const Router& r, verb method, const std::string& target, const std::string& token) {
  Request req{method, target, 11};
  if (!token.empty()) req.set(beast_http::field::authorization, token);
  asio::io_context ioc;
  auto f = asio::co_spawn(ioc, r.Dispatch(req), asio::use_future);
  ioc.run();
  return f.get();
}

TEST(Router, EnforcesTheScopeEachRouteDeclares) {
  Router r = TestRouter();
  const std::vector<std::pair<std::string, std::vector<int>>> cases = {
      // target: status for no token, viewer, responder, admin
      {"GET /healthz", {200, 200, 200, 200}},
      {"GET /api/v1/incidents/INC-1", {401, 200, 200, 200}},
      {"POST /api/v1/incidents/INC-1/notes", {401, 403, 200, 200}},
      {"POST /api/v1/users", {401, 403, 403, 200}},
      {"POST /api/v1/ingest/generic", {200, 200, 200, 200}},  // the key is the handler's
  };
  const std::vector<std::string> tokens = {"", "viewer", "responder", "admin"};
  for (const auto& [what, want] : cases) {
    verb method = what.starts_with("GET") ? verb::get : verb::post;
    std::string target = what.substr(what.find(' ') + 1);
    for (std::size_t i = 0; i < tokens.size(); ++i)
      EXPECT_EQ(Send(r, method, target, tokens[i]).result_int(), static_cast<unsigned>(want[i]))
          << what << " as " << (tokens[i].empty() ? "no token" : tokens[i]);
  }
}

TEST(Router, ARefusalNamesTheScopeNeededAndWhatTheTokenHas) {
  Router r = TestRouter();
  Response res = Send(r, verb::post, "/api/v1/users", "responder");
  EXPECT_EQ(res.result_int(), 403u);
  EXPECT_NE(res.body().find("POST /api/v1/users needs the admin scope (admins); this token acts "
                            "as responder"),
            std::string::npos)
      << res.body();
  // The handler runs as the authenticated caller; public routes anonymously.
  EXPECT_NE(Send(r, verb::get, "/api/v1/incidents/1", "viewer").body().find("user-viewer"),
            std::string::npos);
  EXPECT_NE(Send(r, verb::get, "/healthz", "admin").body().find(R"("handle":"")"),
            std::string::npos);
}

TEST(Router, ListsItsRoutesAndRefusesOneRegisteredTwiceOrAPublicApiRoute) {
  Router r = TestRouter();
  auto routes = r.Routes();
  ASSERT_EQ(routes.size(), 5u);
  EXPECT_EQ(routes[2].pattern, "/api/v1/incidents/{id}/{action}");
  EXPECT_EQ(routes[2].method, verb::post);
  EXPECT_EQ(ScopeName(routes[2].scope), "respond");
  auto again = [](const engine::Caller&, const Request& req,
                  const Params&) -> asio::awaitable<Response> {
    co_return Json(beast_http::status::ok, boost::json::object{}, req.version());
  };
  EXPECT_THROW(r.Add(verb::post, "/api/v1/users", Scope::kRead, again), std::invalid_argument);
  EXPECT_NO_THROW(r.Add(verb::get, "/api/v1/users", Scope::kRead, again));
  EXPECT_THROW(r.Add(verb::get, "/api/v1/secrets", Scope::kPublic, again), std::invalid_argument);
}

TEST(Router, OnlyTheApiDocumentMayBePublicUnderApi) {
  Router r;
  auto ok = [](const engine::Caller&, const Request& req,
               const Params&) -> asio::awaitable<Response> {
    co_return Json(beast_http::status::ok, boost::json::object{}, req.version());
  };
  EXPECT_NO_THROW(r.Add(verb::get, std::string(kOpenApiPath), Scope::kPublic, ok));
  EXPECT_THROW(r.Add(verb::post, std::string(kOpenApiPath), Scope::kPublic, ok),
               std::invalid_argument);
  EXPECT_THROW(r.Add(verb::get, "/api/v1/openapi.yaml", Scope::kPublic, ok), std::invalid_argument);
  EXPECT_EQ(Send(r, verb::get, std::string(kOpenApiPath), "").result_int(), 200u);
}

TEST(Router, APathOfANotFoundPatternAnswersItsDetailNotNoSuchEndpoint) {
  Router r = TestRouter();
  r.Add(verb::post, "/api/v1/things/{id}/enable", Scope::kAdmin,
        [](const engine::Caller&, const Request& req, const Params&) -> asio::awaitable<Response> {
          co_return Json(beast_http::status::ok, boost::json::object{}, req.version());
        });
  r.AddNotFound("/api/v1/things/{id}/{action}",
                [](const Params& p) { return "unknown thing action '" + p.at("action") + "'"; });
  Response res = Send(r, verb::post, "/api/v1/things/7/explode", "admin");
  EXPECT_EQ(res.result_int(), 404u);
  EXPECT_NE(res.body().find("unknown thing action 'explode'"), std::string::npos) << res.body();
  // A routed action is unaffected, and so is another method on it (405).
  EXPECT_EQ(Send(r, verb::post, "/api/v1/things/7/enable", "admin").result_int(), 200u);
  EXPECT_EQ(Send(r, verb::get, "/api/v1/things/7/enable", "admin").result_int(), 405u);
  // Other paths are still "no such endpoint"; the pattern is no route.
  EXPECT_NE(Send(r, verb::post, "/api/v1/things/7/a/b", "admin").body().find("no such endpoint"),
            std::string::npos);
  for (const RouteInfo& info : r.Routes()) EXPECT_NE(info.pattern, "/api/v1/things/{id}/{action}");
}

TEST(Router, WithoutAnAuthenticatorOnlyPublicRoutesAnswer) {
  Router r;
  auto ok = [](const engine::Caller&, const Request& req,
               const Params&) -> asio::awaitable<Response> {
    co_return Json(beast_http::status::ok, boost::json::object{}, req.version());
  };
  r.Add(verb::get, "/healthz", Scope::kPublic, ok);
  r.Add(verb::get, "/api/v1/me", Scope::kRead, ok);
  EXPECT_EQ(Send(r, verb::get, "/healthz", "").result_int(), 200u);
  EXPECT_EQ(Send(r, verb::get, "/api/v1/me", "admin").result_int(), 500u);
}

}  // namespace
}  // namespace warroom::http
