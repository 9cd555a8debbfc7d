#pragma once

// One way to write a route: read the request, ask the service, write the
// answer. A route is then one Handle(...) line of three named steps:
//
//   r.Add(verb::post, "/api/v1/outbox/{id}/retry", Scope::kAdmin,
//         Handle<store::OutboxMessage>(OutboxIdOf, retry, OutboxJson));
//
// where OutboxIdOf reads the path's id, `retry` is a lambda that calls
// Dispatcher::Retry(caller, id, done) and OutboxJson encodes the message.
//
// Every failure, the request's or the service's, is answered by Problem
// (http/problem.cpp, the one mapping of errors to HTTP); a step never
// builds an error response itself. The router still does the rest: the
// scope check before the handler, HEAD as GET, 405 and OPTIONS.

#include <boost/json.hpp>
#include <string>
#include <type_traits>
#include <utility>

#include "engine/caller.hpp"
#include "engine/request_scope.hpp"
#include "http/await.hpp"
#include "http/idempotency.hpp"
#include "http/problem.hpp"
#include "http/route_support.hpp"
#include "http/router.hpp"

namespace warroom::http {

// A service's completion callback, as every engine service takes it.
template <typename T>
using Done = std::function<void(Result<T>)>;

// A body already serialized as JSON (the incident view, spliced from the
// engine's cached state): sent as is, followed by a newline.
struct RawJson {
  std::string text;
};

// The input of a route that reads nothing from its request.
inline Result<Ok> NoInput(const Request&, const Params&) { return Ok{}; }

// A reader of one path parameter, as it is (the service judges it).
inline auto PathParam(std::string name) {
  return [name = std::move(name)](const Request&, const Params& p) -> Result<std::string> {
    return p.at(name);
  };
}

// A reader of a JSON object body, decoded by `decode(const json::object&)
// -> Result<T>`: the body is required unless `allow_empty` (then {}).
template <typename Decode>
auto JsonBody(Decode decode, bool allow_empty = false) {
  return [decode = std::move(decode), allow_empty](const Request& req, const Params&) {
    auto body = ParseBody(req, allow_empty);
    using T = decltype(decode(*body));
    if (!body.ok()) return T(body.error());
    return T(decode(*body));
  };
}

// The successful answer: a JSON value or RawJson sent with `ok`, or a whole
// Response (its own status and headers; only its HTTP version is set here).
template <typename Body>
Response Answer(beast_http::status ok, Body&& body, unsigned version) {
  using B = std::decay_t<Body>;
  if constexpr (std::is_same_v<B, Response>) {
    Response res = std::forward<Body>(body);
    res.version(version);
    return res;
  } else if constexpr (std::is_same_v<B, RawJson>) {
    Response res = Json(ok, boost::json::object(), version);
    res.body() = std::forward<Body>(body).text;
    res.body() += '\n';
    return res;
  } else {
    return Json(ok, boost::json::value(std::forward<Body>(body)), version);
  }
}

// A route in three steps:
//   read(request, params) -> Result<In>: parse and validate (no I/O); its
//     error is the answer (400, 415, ...) and the service is not asked.
//   ask(caller, in, Done<Out>): the service call; an error it answers is
//     mapped by Problem.
//   write(out) or write(in, out): the body of the success, sent with `ok`
//     (see Answer). With an Idempotency-Key, the service calls it inside
//     its write to record the answer (engine/request_scope.hpp).
// `Out` is what the service answers (it cannot be read off a callback).
// The steps are copied into the handler and live as long as the router.
template <typename Out, typename Read, typename Ask, typename Write>
RouteHandler Handle(Read read, Ask ask, Write write,
                    beast_http::status ok = beast_http::status::ok) {
  return [read = std::move(read), ask = std::move(ask), write = std::move(write), ok](
             const engine::Caller& caller, const Request& req,
             const Params& params) -> boost::asio::awaitable<Response> {
    auto in = read(req, params);
    if (!in.ok()) co_return Problem(in.error(), req.version());
    if (caller.request) {
      unsigned version = req.version();
      if constexpr (std::is_invocable_v<const Write&, const Out&>) {
        caller.request->AnswerWith<Out>(std::function<engine::RecordedAnswer(const Out&)>(
            [&write, ok, version](const Out& out) {
              return Recorded(Answer(ok, write(out), version));
            }));
      } else {
        caller.request->AnswerWith<Out>(std::function<engine::RecordedAnswer(const Out&)>(
            [&write, ok, version, input = *in](const Out& out) {
              return Recorded(Answer(ok, write(input, out), version));
            }));
      }
    }
    Result<Out> out =
        co_await Await<Out>([&](Done<Out> done) { ask(caller, *in, std::move(done)); });
    if (!out.ok()) co_return Problem(out.error(), req.version());
    if constexpr (std::is_invocable_v<const Write&, const Out&>) {
      co_return Answer(ok, write(*out), req.version());
    } else {
      co_return Answer(ok, write(*in, *out), req.version());
    }
  };
}

// A route that asks no service and cannot fail: write(caller) is its body,
// sent with `ok` (see Answer).
template <typename Write>
RouteHandler Show(Write write, beast_http::status ok = beast_http::status::ok) {
  return [write = std::move(write), ok](const engine::Caller& caller, const Request& req,
                                        const Params&) -> boost::asio::awaitable<Response> {
    co_return Answer(ok, write(caller), req.version());
  };
}

}  // namespace warroom::http
