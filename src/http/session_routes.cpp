#include "http/session_routes.hpp"

#include <boost/json.hpp>

#include "api/event_json.hpp"
#include "api/fields.hpp"
#include "http/browser_session.hpp"
#include "http/handler.hpp"

namespace warroom::http {

namespace json = boost::json;
using beast_http::status;
using beast_http::verb;

namespace {

struct Credentials {
  std::string handle;
  std::string password;
  engine::ClientInfo client;
  bool secure = false;
};

engine::ClientInfo ClientInfoOf(const Request& req) {
  return engine::ClientInfo{ClientOf(req), std::string(req[beast_http::field::user_agent])};
}

Result<Credentials> CredentialsOf(const Request& req, const Params&) {
  WARROOM_ASSIGN_OR_RETURN(json::object body, ParseBody(req));
  for (const auto& kv : body)
    if (kv.key() != "handle" && kv.key() != "password")
      return Error::InvalidArgument("unknown field '" + Shown(kv.key()) +
                                    "': send 'handle' and 'password'");
  Credentials c;
  WARROOM_ASSIGN_OR_RETURN(c.handle, api::StringField(body, "handle", api::kNameBytes, true));
  WARROOM_ASSIGN_OR_RETURN(c.password,
                           api::StringField(body, "password", engine::kMaxPassword, true));
  c.client = ClientInfoOf(req);
  c.secure = ArrivedSecure(req);
  return c;
}

struct LinkUse {
  std::string secret;
  engine::ClientInfo client;
  bool secure = false;
};

Result<LinkUse> LinkUseOf(const Request& req, const Params&) {
  WARROOM_ASSIGN_OR_RETURN(json::object body, ParseBody(req));
  LinkUse l;
  WARROOM_ASSIGN_OR_RETURN(l.secret, api::StringField(body, "link", api::kNameBytes * 2, true));
  l.client = ClientInfoOf(req);
  l.secure = ArrivedSecure(req);
  return l;
}

json::object SessionJson(const store::WebSession& s, const engine::Caller* current = nullptr) {
  json::object o{{"id", s.id},
                 {"handle", s.handle},
                 {"created_at", FormatTime(s.created_at)},
                 {"last_seen_at", FormatTime(s.last_seen_at)},
                 {"expires_at", FormatTime(s.expires_at)},
                 {"ended_at", api::TimeOrNull(s.revoked_at)},
                 {"client", s.client},
                 {"user_agent", s.user_agent}};
  if (current) o["current"] = current->session_id == s.id;
  return o;
}

// A new session: its cookie set, its CSRF token shown this once.
Response Opened(const engine::IssuedSession& issued, bool secure, Duration lifetime) {
  json::object body{
      {"session", SessionJson(issued.session)},
      {"csrf", issued.csrf},
      {"user", json::object{{"handle", issued.user.handle},
                            {"name", issued.user.name},
                            {"permission", store::PermissionName(issued.user.permission)}}},
      {"password_set", issued.password_set}};
  Response res = Json(status::created, body, 11);
  res.set(beast_http::field::set_cookie, SessionSetCookie(issued.secret, lifetime, secure));
  res.set(beast_http::field::cache_control, "no-store");
  return res;
}

struct PasswordChange {
  std::string handle;
  std::string current;
  std::string password;
};

Result<PasswordChange> PasswordChangeOf(const Request& req, const Params& p) {
  WARROOM_ASSIGN_OR_RETURN(json::object body, ParseBody(req));
  for (const auto& kv : body)
    if (kv.key() != "current" && kv.key() != "password")
      return Error::InvalidArgument("unknown field '" + Shown(kv.key()) +
                                    "': send 'password' (and 'current' for your own)");
  PasswordChange c{p.at("handle"), "", ""};
  WARROOM_ASSIGN_OR_RETURN(c.current, api::StringField(body, "current", engine::kMaxPassword));
  WARROOM_ASSIGN_OR_RETURN(c.password,
                           api::StringField(body, "password", engine::kMaxPassword + 1, true));
  return c;
}

struct SessionRef {
  std::string handle;
  std::int64_t id;
};

Result<SessionRef> SessionRefOf(const Request&, const Params& p) {
  WARROOM_ASSIGN_OR_RETURN(auto id, PositiveId(p.at("id"), "a session id"));
  return SessionRef{p.at("handle"), id};
}

}  // namespace

void AddSessionRoutes(Router& r, const ApiServices& s) {
  engine::SessionService* sessions = s.sessions;  // null for `warroom routes`: never called
  r.Add(verb::post, "/api/v1/sessions", Scope::kSignIn,
        Handle<engine::IssuedSession>(
            CredentialsOf,
            [sessions](const engine::Caller&, const Credentials& c,
                       Done<engine::IssuedSession> done) {
              sessions->SignIn(c.handle, c.password, c.client, std::move(done));
            },
            [sessions](const Credentials& c, const engine::IssuedSession& issued) {
              return Opened(issued, c.secure, sessions->settings().absolute);
            }));
  r.Add(verb::post, "/api/v1/sessions/link", Scope::kSignIn,
        Handle<engine::IssuedSession>(
            LinkUseOf,
            [sessions](const engine::Caller&, const LinkUse& l, Done<engine::IssuedSession> done) {
              sessions->SignInWithLink(l.secret, l.client, std::move(done));
            },
            [sessions](const LinkUse& l, const engine::IssuedSession& issued) {
              return Opened(issued, l.secure, sessions->settings().absolute);
            }));
  r.Add(verb::delete_, "/api/v1/sessions/current", Scope::kRead,
        Handle<Ok>(
            [](const Request& req, const Params&) -> Result<bool> { return ArrivedSecure(req); },
            [sessions](const engine::Caller& c, bool, Done<Ok> done) {
              sessions->SignOut(c, [done = std::move(done)](Outcome o) {
                if (!o.ok()) return done(o.error());
                done(Ok{});
              });
            },
            [](bool secure, Ok) {
              Response res = Json(status::ok, json::object{{"signed_out", true}}, 11);
              res.set(beast_http::field::set_cookie, ClearedSessionCookie(secure));
              return res;
            }));
  r.Add(verb::get, "/api/v1/users/{handle}/sessions", Scope::kRead,
        Handle<std::pair<engine::Caller, std::vector<store::WebSession>>>(
            PathParam("handle"),
            [sessions](const engine::Caller& c, const std::string& handle,
                       Done<std::pair<engine::Caller, std::vector<store::WebSession>>> done) {
              sessions->ListSessions(
                  c, handle,
                  [c, done = std::move(done)](Result<std::vector<store::WebSession>> list) {
                    if (!list.ok()) return done(list.error());
                    done(std::pair(c, std::move(*list)));
                  });
            },
            [](const std::pair<engine::Caller, std::vector<store::WebSession>>& out) {
              json::array items;
              for (const auto& s : out.second) items.push_back(SessionJson(s, &out.first));
              return json::object{{"items", std::move(items)}};
            }));
  r.Add(verb::delete_, "/api/v1/users/{handle}/sessions/{id}", Scope::kRead,
        Handle<Ok>(
            SessionRefOf,
            [sessions](const engine::Caller& c, const SessionRef& ref, Done<Ok> done) {
              sessions->RevokeSession(c, ref.handle, ref.id, [done = std::move(done)](Outcome o) {
                if (!o.ok()) return done(o.error());
                done(Ok{});
              });
            },
            [](const SessionRef& ref, Ok) {
              return json::object{{"id", ref.id}, {"handle", ref.handle}, {"ended", true}};
            }));
  r.Add(verb::put, "/api/v1/users/{handle}/password", Scope::kRead,
        Handle<Ok>(
            PasswordChangeOf,
            [sessions](const engine::Caller& c, const PasswordChange& ch, Done<Ok> done) {
              sessions->SetPassword(c, ch.handle, ch.current, ch.password,
                                    [done = std::move(done)](Outcome o) {
                                      if (!o.ok()) return done(o.error());
                                      done(Ok{});
                                    });
            },
            [](const PasswordChange& ch, Ok) {
              return json::object{{"handle", ch.handle}, {"password_set", true}};
            }));
  r.Add(verb::post, "/api/v1/users/{handle}/sign-in-link", Scope::kAdmin,
        Handle<engine::IssuedLink>(
            PathParam("handle"),
            [sessions](const engine::Caller& c, const std::string& handle,
                       Done<engine::IssuedLink> done) {
              sessions->IssueSignInLink(c, handle, std::move(done));
            },
            [](const engine::IssuedLink& l) {
              // `path`: where a browser uses it on this server; the secret
              // is in the fragment, which browsers never send.
              return json::object{{"handle", l.handle},
                                  {"link", l.secret},
                                  {"path", "/sign-in#link=" + l.secret},
                                  {"expires_at", FormatTime(l.expires_at)}};
            },
            status::created));
}

}  // namespace warroom::http
