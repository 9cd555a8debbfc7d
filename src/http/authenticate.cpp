// Authentication asks the engine; apart from route_support.cpp, whose pure
// request readers the fuzz harnesses link without the engine.
#include "http/browser_session.hpp"
#include "http/idempotency.hpp"
#include "http/route_support.hpp"

namespace warroom::http {

namespace asio = boost::asio;

asio::awaitable<Result<engine::Caller>> Authenticate(const ApiServices& s, const Request& req) {
  // A bearer token first: scripts and the CLI. Without one, a browser's
  // session cookie, whose changes must also come from warroom's own pages.
  if (req[beast_http::field::authorization].empty() && s.sessions) {
    std::string secret = SessionSecretOf(req[beast_http::field::cookie]);
    if (!secret.empty()) {
      auto caller = co_await Await<engine::Caller>(
          [&](auto done) { s.sessions->Authenticate(secret, std::move(done)); });
      if (!caller.ok() || !Mutates(req.method())) co_return caller;
      if (auto r = CheckSameOrigin(req, ArrivedSecure(req)); !r.ok()) co_return r.error();
      if (auto r = CheckCsrfToken(req[kCsrfHeader], engine::CsrfTokenFor(secret)); !r.ok())
        co_return r.error();
      co_return caller;
    }
  }
  std::string token = BearerToken(req[beast_http::field::authorization]);
  co_return co_await Await<engine::Caller>(
      [&](auto done) { s.users->Authenticate(token, std::move(done)); });
}

Router::Idempotency IdempotencyOf(const ApiServices& s) {
  Router::Idempotency i;
  i.find = [log = s.requests](const std::string& caller, const std::string& key)
      -> asio::awaitable<Result<std::optional<store::RequestRecord>>> {
    co_return co_await Await<std::optional<store::RequestRecord>>(
        [&](auto done) { log->Find(caller, key, std::move(done)); });
  };
  i.now = [clock = s.clock] { return clock->Now(); };
  return i;
}

}  // namespace warroom::http
