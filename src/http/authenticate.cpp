// Authentication asks the engine; apart from route_support.cpp, whose pure
// request readers the fuzz harnesses link without the engine.
#include "http/route_support.hpp"

namespace warroom::http {

namespace asio = boost::asio;

asio::awaitable<Result<engine::Caller>> Authenticate(const ApiServices& s, const Request& req) {
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
