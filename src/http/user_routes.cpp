#include "http/user_routes.hpp"

#include <boost/json.hpp>

#include "api/event_json.hpp"
#include "engine/user_service.hpp"
#include "http/handler.hpp"
#include "http/request_bodies.hpp"

namespace warroom::http {

namespace json = boost::json;
using beast_http::status;
using beast_http::verb;

namespace {

json::object UsersJson(const std::vector<engine::UserView>& users) {
  json::array items;
  for (const auto& u : users) items.push_back(UserJson(u));
  return json::object{{"items", std::move(items)}};
}

// The user just created, with the token issued for them (shown once).
json::object CreatedJson(store::User u, const engine::IssuedToken& issued) {
  if (u.name.empty()) u.name = u.handle;
  u.created_at = issued.record.created_at;
  json::object out = UserJson(engine::UserView{u, true});
  out["token"] = issued.token;
  out["token_id"] = issued.record.id;
  return out;
}

json::object TokensJson(const std::vector<store::ApiToken>& tokens, TimePoint now) {
  json::array items;
  for (const auto& t : tokens) items.push_back(TokenJson(t, now));
  return json::object{{"items", std::move(items)}};
}

// PATCH /api/v1/users/{handle}: the name, contact details and permission
// given; anything else is refused by name (a typo must not pass silently).
struct UserUpdate {
  std::string handle;
  engine::UserChange change;
};
Result<UserUpdate> UserUpdateOf(const Request& req, const Params& p) {
  WARROOM_ASSIGN_OR_RETURN(json::object body, ParseBody(req, false));
  UserUpdate u{p.at("handle"), {}};
  WARROOM_ASSIGN_OR_RETURN(u.change, UserChangeOf(body));
  return u;
}

// POST /api/v1/users/{handle}/tokens.
struct TokenIssue {
  std::string handle;
  engine::TokenRequest want;
};
Result<TokenIssue> TokenIssueOf(const Request& req, const Params& p) {
  WARROOM_ASSIGN_OR_RETURN(json::object body, ParseBody(req));
  WARROOM_ASSIGN_OR_RETURN(engine::TokenRequest want, TokenRequestOf(body));
  return TokenIssue{p.at("handle"), std::move(want)};
}

Result<std::int64_t> TokenIdOf(const Request&, const Params& p) {
  return PositiveId(p.at("id"), "a token id");
}

}  // namespace

// Contact details are in the answer only for admins and the user
// themselves; for everyone else the four fields are absent.
json::object UserJson(const engine::UserView& v) {
  const store::User& u = v.user;
  json::object o{{"handle", u.handle},
                 {"name", u.name},
                 {"permission", store::PermissionName(u.permission)},
                 {"publish_public", u.publish_public},
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
  return json::object{{"id", t.id},
                      {"handle", t.handle},
                      {"label", t.label},
                      {"scope", store::ScopeName(t.scope)},
                      {"state", engine::TokenState(t, now)},
                      {"created_at", FormatTime(t.created_at)},
                      {"expires_at", api::TimeOrNull(t.expires_at)},
                      {"last_used_at", api::TimeOrNull(t.last_used_at)},
                      {"revoked_at", api::TimeOrNull(t.revoked_at)}};
}

void AddUserRoutes(Router& r, const ApiServices& s) {
  const auto tokens_json = [s](const std::vector<store::ApiToken>& t) {
    return TokensJson(t, s.clock->Now());
  };
  const auto token_json = [s](const store::ApiToken& t) { return TokenJson(t, s.clock->Now()); };
  r.Add(verb::get, "/api/v1/me", Scope::kRead, Show([](const engine::Caller& c) {
          // `permission` is what this token may do: its scope within the user's.
          return json::object{{"handle", c.handle},
                              {"permission", store::PermissionName(c.permission)},
                              {"token_id", c.token_id}};
        }));
  r.Add(verb::get, "/api/v1/users", Scope::kRead,
        Handle<std::vector<engine::UserView>>(
            NoInput,
            [s](const engine::Caller& c, Ok, Done<std::vector<engine::UserView>> done) {
              s.users->ListUsers(c, std::move(done));
            },
            UsersJson));
  r.Add(verb::post, "/api/v1/users", Scope::kAdmin,
        Handle<engine::IssuedToken>(
            JsonBody(UserOf),
            [s](const engine::Caller& c, const store::User& u, Done<engine::IssuedToken> done) {
              s.users->CreateUser(c, u, std::move(done));
            },
            CreatedJson, status::created));
  r.Add(verb::patch, "/api/v1/users/{handle}", Scope::kAdmin,
        Handle<engine::UserView>(
            UserUpdateOf,
            [s](const engine::Caller& c, const UserUpdate& u, Done<engine::UserView> done) {
              s.users->UpdateUser(c, u.handle, u.change, std::move(done));
            },
            UserJson));
  for (bool disable : {true, false}) {
    r.Add(verb::post, disable ? "/api/v1/users/{handle}/disable" : "/api/v1/users/{handle}/enable",
          Scope::kAdmin,
          Handle<engine::UserView>(
              PathParam("handle"),
              [s, disable](const engine::Caller& c, const std::string& handle,
                           Done<engine::UserView> done) {
                s.users->SetDisabled(c, handle, disable, std::move(done));
              },
              UserJson));
  }
  r.Add(verb::get, "/api/v1/users/{handle}/tokens", Scope::kRead,
        Handle<std::vector<store::ApiToken>>(
            PathParam("handle"),
            [s](const engine::Caller& c, const std::string& handle,
                Done<std::vector<store::ApiToken>> done) {
              s.users->ListTokens(c, handle, std::move(done));
            },
            tokens_json));
  r.Add(verb::post, "/api/v1/users/{handle}/tokens", Scope::kRead,
        Handle<engine::IssuedToken>(
            TokenIssueOf,
            [s](const engine::Caller& c, const TokenIssue& t, Done<engine::IssuedToken> done) {
              s.users->IssueToken(c, t.handle, t.want, std::move(done));
            },
            [s](const engine::IssuedToken& issued) {
              json::object out = TokenJson(issued.record, s.clock->Now());
              out["token"] = issued.token;
              return out;
            },
            status::created));
  r.Add(verb::get, "/api/v1/tokens", Scope::kAdmin,
        Handle<std::vector<store::ApiToken>>(
            NoInput,
            [s](const engine::Caller& c, Ok, Done<std::vector<store::ApiToken>> done) {
              s.users->ListTokens(c, "", std::move(done));
            },
            tokens_json));
  r.Add(verb::delete_, "/api/v1/tokens/{id}", Scope::kRead,
        Handle<store::ApiToken>(
            TokenIdOf,
            [s](const engine::Caller& c, std::int64_t id, Done<store::ApiToken> done) {
              s.users->RevokeToken(c, id, std::move(done));
            },
            token_json));
}

}  // namespace warroom::http
