#include "http/router.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <algorithm>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "http/idempotency.hpp"
#include "http/problem.hpp"
#include "http/utf8.hpp"

namespace warroom::http {

std::vector<std::string> PathSegments(std::string_view target) {
  std::vector<std::string> out;
  auto u = boost::urls::parse_origin_form(target);
  if (!u) return {"\x01invalid"};
  for (auto seg : u->segments()) out.push_back(seg);
  return out;
}

Params QueryParams(std::string_view target) {
  Params p;
  auto u = boost::urls::parse_origin_form(target);
  if (!u) return p;
  for (auto param : u->params()) p[param.key] = param.has_value ? param.value : "true";
  return p;
}

namespace {

// Patterns hold "{name}", which is not a valid URL character: split by hand.
std::vector<std::string> PatternSegments(const std::string& pattern) {
  std::vector<std::string> segs;
  if (pattern == "/") return segs;  // the root has no segment, as the URL parser reads it
  std::size_t pos = 1;
  while (pos <= pattern.size()) {
    std::size_t next = pattern.find('/', pos);
    if (next == std::string::npos) next = pattern.size();
    segs.push_back(pattern.substr(pos, next - pos));
    pos = next + 1;
  }
  return segs;
}

// Whether a path's segments match a pattern's, with the `{name}` segments
// taken into `params`.
bool Matches(const std::vector<std::string>& pattern, const std::vector<std::string>& segs,
             Params& params) {
  if (pattern.size() != segs.size()) return false;
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const std::string& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      params[p.substr(1, p.size() - 2)] = segs[i];
    } else if (p != segs[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::Add(beast_http::verb method, std::string pattern, Scope scope, RouteHandler handler) {
  for (const Route& r : routes_)
    if (r.method == method && r.pattern == pattern)
      throw std::invalid_argument(std::string(beast_http::to_string(method)) + " " + pattern +
                                  " is registered twice");
  // The API promises that every /api/v1 call needs a token (or, for ingest,
  // an integration's key): none of it may be registered public, but the
  // document that describes it. (/api/v2 is the public status page's JSON,
  // in the hosted Statuspage API's paths: public by design.)
  if (scope == Scope::kPublic && pattern.starts_with("/api/v1/") &&
      !(method == beast_http::verb::get && pattern == kOpenApiPath))
    throw std::invalid_argument(std::string(beast_http::to_string(method)) + " " + pattern +
                                " cannot be public: every /api/v1/ route needs a token or a key");
  // Pages answer HTML and send a browser without a session to sign in;
  // nothing under /api/ may: a script must get a 401 it can read.
  if (scope == Scope::kPage && pattern.starts_with("/api/"))
    throw std::invalid_argument(std::string(beast_http::to_string(method)) + " " + pattern +
                                " cannot be a page: /api/ answers JSON");
  std::vector<std::string> segs = PatternSegments(pattern);
  routes_.push_back(
      Route{method, std::move(pattern), scope, std::move(segs), std::move(handler), nullptr});
}

void Router::AddStream(std::string pattern, Scope scope, StreamHandler handler) {
  Add(beast_http::verb::get, pattern, scope, nullptr);
  routes_.back().stream = std::move(handler);
}

void Router::AddNotFound(std::string pattern, NotFoundDetail detail) {
  not_found_.push_back(NotFound{PatternSegments(pattern), std::move(detail)});
}

std::vector<RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const Route& r : routes_) out.push_back(RouteInfo{r.method, r.pattern, r.scope});
  return out;
}

namespace {

// Who the scopes are for, in words a refused caller can act on.
std::string_view ScopeAudience(Scope s) {
  switch (s) {
    case Scope::kRead:
    case Scope::kPage:
      return "any user's token";
    case Scope::kRespond:
      return "responders and admins";
    case Scope::kAdmin:
      return "admins";
    case Scope::kPublic:
    case Scope::kIntegration:
    case Scope::kSignIn:
      break;
  }
  return "";
}

// A page asked for without a (live) session: the sign-in page, which comes
// back here once signed in. 303 makes the browser GET it whatever the
// method was.
Response SignInFirst(const Request& req) {
  Response res{beast_http::status::see_other, req.version()};
  res.set(beast_http::field::location,
          "/sign-in?next=" + boost::urls::encode(req.target(), boost::urls::unreserved_chars));
  res.set(beast_http::field::cache_control, "no-store");
  return res;
}

}  // namespace

boost::asio::awaitable<Routed> Router::Invoke(const Route& route, const Request& req,
                                              const Params& params) const {
  const std::optional<store::Permission> needed = RequiredPermission(route.scope);
  if (!needed) {
    const engine::Caller anonymous;
    if (route.stream) co_return co_await route.stream(anonymous, req, params);
    co_return Routed{co_await route.handler(anonymous, req, params), nullptr};
  }
  if (!authenticate_)
    co_return Routed{Problem(Error::Internal("the router has no authenticator"), req.version())};
  Result<engine::Caller> caller = co_await authenticate_(req);
  if (!caller.ok() && route.scope == Scope::kPage &&
      caller.error().code == ErrorCode::kUnauthenticated)
    co_return Routed{SignInFirst(req)};
  if (!caller.ok()) co_return Routed{Problem(caller.error(), req.version())};
  if (caller->permission < *needed) {
    co_return Routed{Problem(
        Error::PermissionDenied(std::string(beast_http::to_string(route.method)) + " " +
                                route.pattern + " needs the " +
                                std::string(ScopeName(route.scope)) + " scope (" +
                                std::string(ScopeAudience(route.scope)) + "); this token acts as " +
                                std::string(store::PermissionName(caller->permission))),
        req.version())};
  }
  if (route.stream) co_return co_await route.stream(*caller, req, params);
  co_return Routed{co_await InvokeOnce(route, *caller, req, params)};
}

boost::asio::awaitable<Response> Router::InvokeOnce(const Route& route,
                                                    const engine::Caller& caller,
                                                    const Request& req,
                                                    const Params& params) const {
  if (!Mutates(req.method()) || !idempotency_.find)
    co_return co_await route.handler(caller, req, params);
  Result<std::optional<std::string>> key = IdempotencyKeyOf(req);
  if (!key.ok()) co_return Problem(key.error(), req.version());
  if (!*key) co_return co_await route.handler(caller, req, params);
  store::RequestRecord identity = IdentityOf(caller, req, **key, idempotency_.now());
  auto found = co_await idempotency_.find(caller.handle, identity.key);
  if (!found.ok()) co_return Problem(found.error(), req.version());
  if (*found) co_return Replay(**found, identity, req.version());

  engine::Caller scoped = caller;
  scoped.request = std::make_shared<engine::RequestScope>(identity);
  scoped.request->RefuseWith(
      [version = req.version()](const Error& e) { return Recorded(Problem(e, version)); });
  Response res = co_await route.handler(scoped, req, params);
  if (scoped.request->AlreadyApplied()) {
    // A retry with the same key committed while this one ran: this one
    // rolled back, and gets what that one recorded.
    found = co_await idempotency_.find(caller.handle, identity.key);
    if (!found.ok()) co_return Problem(found.error(), req.version());
    if (*found) co_return Replay(**found, identity, req.version());
  }
  if (res.result_int() / 100 == 2 && !scoped.request->Recorded())
    spdlog::debug("{} {} changes nothing it records: its Idempotency-Key is not kept",
                  req.method_string(), route.pattern);
  co_return res;
}

namespace {

// How much of a request target an error echoes: enough to recognise it.
constexpr std::size_t kMaxTargetEcho = 256;

std::string Echo(std::string_view target) { return SanitizeUtf8(target, kMaxTargetEcho); }

// The Allow header of a path: its methods, HEAD wherever GET is, and OPTIONS.
std::string AllowHeader(const std::vector<beast_http::verb>& methods) {
  std::vector<beast_http::verb> all = methods;
  if (std::find(all.begin(), all.end(), beast_http::verb::get) != all.end())
    all.push_back(beast_http::verb::head);
  all.push_back(beast_http::verb::options);
  std::string out;
  for (beast_http::verb v : all) {
    std::string name(beast_http::to_string(v));
    if (out.find(name) != std::string::npos) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace

boost::asio::awaitable<Response> Router::Dispatch(const Request& req) const {
  Routed a = co_await Serve(req);
  co_return std::move(a.response);
}

boost::asio::awaitable<Routed> Router::Serve(const Request& req) const {
  auto segs = PathSegments(req.target());
  std::vector<beast_http::verb> allowed;  // the methods of a matching path
  const Route* head_as_get = nullptr;
  Params head_params;
  for (const Route& r : routes_) {
    if (r.segments.size() != segs.size()) continue;  // most routes, at no cost
    Params params;
    if (!Matches(r.segments, segs, params)) continue;
    allowed.push_back(r.method);
    if (r.method != req.method()) {
      if (req.method() == beast_http::verb::head && r.method == beast_http::verb::get &&
          !head_as_get) {
        head_as_get = &r;
        head_params = std::move(params);
      }
      continue;
    }
    co_return co_await Invoke(r, req, params);
  }
  // HEAD is GET without the body (the server drops it, keeping Content-Length).
  if (head_as_get) co_return co_await Invoke(*head_as_get, req, head_params);
  if (!allowed.empty()) {
    if (req.method() == beast_http::verb::options) {
      Response res{beast_http::status::no_content, req.version()};
      res.set(beast_http::field::allow, AllowHeader(allowed));
      co_return Routed{std::move(res)};
    }
    Response res = Problem(beast_http::status::method_not_allowed, "method-not-allowed",
                           std::string(req.method_string()) + " is not allowed on " +
                               Echo(req.target()) + ": use " + AllowHeader(allowed),
                           req.version());
    res.set(beast_http::field::allow, AllowHeader(allowed));
    co_return Routed{std::move(res)};
  }
  for (const NotFound& n : not_found_) {
    Params params;
    if (Matches(n.segments, segs, params))
      co_return Routed{Problem(Error::NotFound(n.detail(params)), req.version())};
  }
  co_return Routed{Problem(
      Error::NotFound("no such endpoint: " + Echo(req.target()) + not_found_hint_), req.version())};
}

}  // namespace warroom::http
