// Authentication asks the engine; apart from route_support.cpp, whose pure
// request readers the fuzz harnesses link without the engine.
#include "http/route_support.hpp"

namespace warroom::http {

namespace asio = boost::asio;

asio::awaitable<Result<engine::Caller>> Authenticate(const ApiServices& s, const Request& req) {
  std::string token = BearerToken(req[beast_http::field::authorization]);
  auto start1 = [s, token](auto done) { s.users->Authenticate(token, std::move(done)); };
  co_return co_await Await<engine::Caller>(start1);
}

}  // namespace warroom::http
