// The users and API tokens endpoints: /api/v1/me, /api/v1/users... and
// /api/v1/tokens... (docs/api.md, "Users and tokens").
#include <boost/json.hpp>

#include "api/event_json.hpp"
#include "engine/user_service.hpp"
#include "http/await.hpp"
#include "http/problem.hpp"
#include "http/request_bodies.hpp"
#include "http/route_support.hpp"

namespace warroom::http {

namespace asio = boost::asio;
namespace json = boost::json;
using beast_http::status;
using beast_http::verb;

namespace {

// Contact details are in the answer only for admins and the user
// themselves; for everyone else the four fields are absent.
json::object UserJson(const engine::UserView& v) {
  const store::User& u = v.user;
  json::object o{{"handle", u.handle},
                 {"name", u.name},
                 {"permission", store::PermissionName(u.permission)},
                 {"created_at", FormatTime(u.created_at)},
                 {"disabled", u.disabled_at.has_value()},
                 {"disabled_at", api::TimeOrNull(u.disabled_at)}};
  if (v.contact_visible) {
    o["email"] = u.email;
    o["chat_handle"] = u.chat_handle;
    o["slack_member_id"] = u.slack_member_id;
    o["phone"] = u.phone;
  }
  return o;
}

// A token as listed: never its secret.
json::object TokenJson(const store::ApiToken& t, TimePoint now) {
  std::string_view state = t.revoked_at                           ? "revoked"
                           : t.expires_at && now >= *t.expires_at ? "expired"
                                                                  : "active";
  return json::object{{"id", t.id},
                      {"handle", t.handle},
                      {"label", t.label},
                      {"scope", store::ScopeName(t.scope)},
                      {"state", state},
                      {"created_at", FormatTime(t.created_at)},
                      {"expires_at", api::TimeOrNull(t.expires_at)},
                      {"last_used_at", api::TimeOrNull(t.last_used_at)},
                      {"revoked_at", api::TimeOrNull(t.revoked_at)}};
}

json::object TokensJson(const std::vector<store::ApiToken>& tokens, TimePoint now) {
  json::array items;
  for (const auto& t : tokens) items.push_back(TokenJson(t, now));
  return json::object{{"items", std::move(items)}};
}

}  // namespace

void AddUserRoutes(Router& r, const ApiServices& s) {
  r.Add(
      verb::get, "/api/v1/me", Scope::kRead,
      [](const engine::Caller& c, const Request& req, const Params&) -> asio::awaitable<Response> {
        // `permission` is what this token may do: its scope within the user's.
        co_return Json(status::ok,
                       json::object{{"handle", c.handle},
                                    {"permission", store::PermissionName(c.permission)},
                                    {"token_id", c.token_id}},
                       req.version());
      });
  r.Add(
      verb::get, "/api/v1/users", Scope::kRead,
      [s](const engine::Caller& c, const Request& req, const Params&) -> asio::awaitable<Response> {
        auto start = [s, c](auto done) { s.users->ListUsers(c, std::move(done)); };
        auto users = co_await Await<std::vector<engine::UserView>>(start);
        if (!users.ok()) co_return Problem(users.error(), req.version());
        json::array items;
        for (const auto& u : *users) items.push_back(UserJson(u));
        co_return Json(status::ok, json::object{{"items", std::move(items)}}, req.version());
      });
  r.Add(
      verb::post, "/api/v1/users", Scope::kAdmin,
      [s](const engine::Caller& c, const Request& req, const Params&) -> asio::awaitable<Response> {
        auto body = ParseBody(req, false);
        if (!body.ok()) co_return Problem(body.error(), req.version());
        auto u = UserOf(*body);
        if (!u.ok()) co_return Problem(u.error(), req.version());
        auto start = [s, c, user = *u](auto done) {
          s.users->CreateUser(c, user, std::move(done));
        };
        auto issued = co_await Await<engine::IssuedToken>(start);
        if (!issued.ok()) co_return Problem(issued.error(), req.version());
        if (u->name.empty()) u->name = u->handle;
        u->created_at = issued->record.created_at;
        json::object out = UserJson(engine::UserView{*u, true});
        out["token"] = issued->token;
        out["token_id"] = issued->record.id;
        co_return Json(status::created, out, req.version());
      });
  r.Add(verb::patch, "/api/v1/users/{handle}", Scope::kAdmin,
        [s](const engine::Caller& c, const Request& req,
            const Params& p) -> asio::awaitable<Response> {
          auto body = ParseBody(req, false);
          if (!body.ok()) co_return Problem(body.error(), req.version());
          for (const auto& kv : *body)
            if (kv.key() != "permission")
              co_return Problem(Error::InvalidArgument("only 'permission' can be changed, not '" +
                                                       engine::Excerpt(kv.key()) + "'"),
                                req.version());
          auto perm = PermissionField(*body);
          if (!perm.ok()) co_return Problem(perm.error(), req.version());
          if (!*perm)
            co_return Problem(Error::InvalidArgument("'permission' is required"), req.version());
          auto start = [s, c, h = p.at("handle"), to = **perm](auto done) {
            s.users->SetPermission(c, h, to, std::move(done));
          };
          auto user = co_await Await<engine::UserView>(start);
          if (!user.ok()) co_return Problem(user.error(), req.version());
          co_return Json(status::ok, UserJson(*user), req.version());
        });
  for (bool disable : {true, false}) {
    r.Add(verb::post, disable ? "/api/v1/users/{handle}/disable" : "/api/v1/users/{handle}/enable",
          Scope::kAdmin,
          [s, disable](engine::Caller c, const Request& req,
                       const Params& p) -> asio::awaitable<Response> {
            auto start = [s, c, h = p.at("handle"), disable](auto done) {
              s.users->SetDisabled(c, h, disable, std::move(done));
            };
            auto user = co_await Await<engine::UserView>(start);
            if (!user.ok()) co_return Problem(user.error(), req.version());
            co_return Json(status::ok, UserJson(*user), req.version());
          });
  }
  r.Add(verb::get, "/api/v1/users/{handle}/tokens", Scope::kRead,
        [s](const engine::Caller& c, const Request& req,
            const Params& p) -> asio::awaitable<Response> {
          auto start = [s, c, h = p.at("handle")](auto done) {
            s.users->ListTokens(c, h, std::move(done));
          };
          auto tokens = co_await Await<std::vector<store::ApiToken>>(start);
          if (!tokens.ok()) co_return Problem(tokens.error(), req.version());
          co_return Json(status::ok, TokensJson(*tokens, s.clock->Now()), req.version());
        });
  r.Add(verb::post, "/api/v1/users/{handle}/tokens", Scope::kRead,
        [s](const engine::Caller& c, const Request& req,
            const Params& p) -> asio::awaitable<Response> {
          auto body = ParseBody(req);
          if (!body.ok()) co_return Problem(body.error(), req.version());
          auto want = TokenRequestOf(*body);
          if (!want.ok()) co_return Problem(want.error(), req.version());
          auto start = [s, c, h = p.at("handle"), w = *want](auto done) {
            s.users->IssueToken(c, h, w, std::move(done));
          };
          auto issued = co_await Await<engine::IssuedToken>(start);
          if (!issued.ok()) co_return Problem(issued.error(), req.version());
          json::object out = TokenJson(issued->record, s.clock->Now());
          out["token"] = issued->token;
          co_return Json(status::created, out, req.version());
        });
  r.Add(
      verb::get, "/api/v1/tokens", Scope::kAdmin,
      [s](const engine::Caller& c, const Request& req, const Params&) -> asio::awaitable<Response> {
        auto start = [s, c](auto done) { s.users->ListTokens(c, "", std::move(done)); };
        auto tokens = co_await Await<std::vector<store::ApiToken>>(start);
        if (!tokens.ok()) co_return Problem(tokens.error(), req.version());
        co_return Json(status::ok, TokensJson(*tokens, s.clock->Now()), req.version());
      });
  r.Add(verb::delete_, "/api/v1/tokens/{id}", Scope::kRead,
        [s](const engine::Caller& c, const Request& req,
            const Params& p) -> asio::awaitable<Response> {
          auto id = PositiveId(p.at("id"), "a token id");
          if (!id.ok()) co_return Problem(id.error(), req.version());
          auto start = [s, c, id = *id](auto done) {
            s.users->RevokeToken(c, id, std::move(done));
          };
          auto token = co_await Await<store::ApiToken>(start);
          if (!token.ok()) co_return Problem(token.error(), req.version());
          co_return Json(status::ok, TokenJson(*token, s.clock->Now()), req.version());
        });
}

}  // namespace warroom::http
