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

}  // namespace warroom::http
