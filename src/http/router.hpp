#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "engine/caller.hpp"
#include "http/scope.hpp"
#include "http/types.hpp"
#include "store/requests.hpp"

namespace warroom::http {

// A route's handler. `caller` is the authenticated caller of a read,
// respond or admin route (the router checked the scope before the call);
// public and integration routes get an anonymous caller and authenticate
// their own way (an integration's key), if at all.
using RouteHandler = std::function<boost::asio::awaitable<Response>(const engine::Caller& caller,
                                                                    const Request&, const Params&)>;

// The body of an answer written over time (server-sent events): the server
// writes the answer's header, then each piece Next answers as it comes,
// until it answers nullopt or the client goes away.
class ResponseStream {
 public:
  virtual ~ResponseStream() = default;
  virtual boost::asio::awaitable<std::optional<std::string>> Next() = 0;
};

// What the router answers: a response, and for a streaming route that
// accepted the request, the stream its body comes from (the response is
// then the header alone).
struct Routed {
  Routed() = default;
  Routed(Response r, std::shared_ptr<ResponseStream> s = nullptr)  // NOLINT: a response converts
      : response(std::move(r)), stream(std::move(s)) {}
  Response response;
  std::shared_ptr<ResponseStream> stream;
};

// A streaming route's handler: a Routed answer with a stream, or a refusal
// without one.
using StreamHandler = std::function<boost::asio::awaitable<Routed>(const engine::Caller& caller,
                                                                   const Request&, const Params&)>;

// The API's own description (docs/openapi.json): the one public route under
// /api/, because a gateway or a client generator fetches it without a token.
inline constexpr std::string_view kOpenApiPath = "/api/v1/openapi.json";

// What the route table says of one route (`warroom routes`, the tests).
struct RouteInfo {
  beast_http::verb method;
  std::string pattern;
  Scope scope;
};

// Matches method and path against patterns such as
// "/api/v1/incidents/{id}/{action}"; `{name}` takes one path segment.
// Every route declares the scope it needs where it is registered; the
// router authenticates the bearer token and refuses (403) a caller whose
// effective permission is below the scope, before the handler runs.
class Router {
 public:
  // Who a request's bearer token belongs to, with the permission it acts
  // with (the token's scope intersected with its user's permission).
  using Authenticator =
      std::function<boost::asio::awaitable<Result<engine::Caller>>(const Request&)>;
  void SetAuthenticator(Authenticator authenticate) { authenticate_ = std::move(authenticate); }

  // Where answers kept under Idempotency-Keys are found (engine::RequestLog)
  // and the time they are kept at. Set: a mutating request of a token's
  // caller with an Idempotency-Key whose answer is recorded gets that
  // answer (or 422 when the key was used for another request) without its
  // handler running; one without runs with a RequestScope in its caller,
  // which the service records the answer into. Unset: keys are ignored.
  struct Idempotency {
    std::function<boost::asio::awaitable<Result<std::optional<store::RequestRecord>>>(
        const std::string& caller, const std::string& key)>
        find;
    std::function<TimePoint()> now;
  };
  void SetIdempotency(Idempotency i) { idempotency_ = std::move(i); }

  // Throws std::invalid_argument, so the server does not start, for a
  // method and pattern registered twice or a public route under /api/
  // (but GET kOpenApiPath).
  void Add(beast_http::verb method, std::string pattern, Scope scope, RouteHandler handler);
  // A GET route whose answer is a stream (checked as Add checks).
  void AddStream(std::string pattern, Scope scope, StreamHandler handler);
  // A path that matches `pattern` but no route (an action no route names,
  // such as POST /api/v1/incidents/{id}/explode) is answered 404 with
  // `detail(params)` instead of "no such endpoint": the caller learns what
  // the valid ones are. Not a route: it is not listed and takes no token.
  using NotFoundDetail = std::function<std::string(const Params&)>;
  void AddNotFound(std::string pattern, NotFoundDetail detail);
  // What a 404 for a path no route matches adds after the path: where to
  // look instead (by default, that the API lives under /api/v1/).
  void SetNotFoundHint(std::string hint) { not_found_hint_ = std::move(hint); }
  // Every route, in registration order.
  std::vector<RouteInfo> Routes() const;

  // The answer for `req`: 404 for an unknown path, 405 for a known path
  // with another method; a stream for a streaming route.
  boost::asio::awaitable<Routed> Serve(const Request& req) const;
  // Serve's response alone (a stream's header): for tests of plain routes.
  boost::asio::awaitable<Response> Dispatch(const Request& req) const;

 private:
  struct Route {
    beast_http::verb method;
    std::string pattern;
    Scope scope;
    std::vector<std::string> segments;
    RouteHandler handler;
    StreamHandler stream;  // set for a streaming route (handler unset)
  };
  // Checks the route's scope, then runs its handler.
  boost::asio::awaitable<Routed> Invoke(const Route& route, const Request& req,
                                        const Params& params) const;
  // Runs the handler of an authenticated caller's request, honouring its
  // Idempotency-Key.
  boost::asio::awaitable<Response> InvokeOnce(const Route& route, const engine::Caller& caller,
                                              const Request& req, const Params& params) const;

  struct NotFound {
    std::vector<std::string> segments;
    NotFoundDetail detail;
  };

  std::vector<Route> routes_;
  std::vector<NotFound> not_found_;
  std::string not_found_hint_ = " (the API lives under /api/v1/)";
  Authenticator authenticate_;
  Idempotency idempotency_;
};

// Splits "/a/b?x=1" into its path segments (percent-decoded).
std::vector<std::string> PathSegments(std::string_view target);
// The query parameters of a target (percent-decoded).
Params QueryParams(std::string_view target);

}  // namespace warroom::http
