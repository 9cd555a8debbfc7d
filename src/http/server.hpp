#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "http/router.hpp"

namespace warroom::http {

// A request target without the integration keys a webhook URL may carry.
std::string RedactKeys(std::string_view target);

// Limits of the HTTP edge, in one place.
namespace limits {
// Request bodies beyond this are refused with 413 before they are read.
inline constexpr std::size_t kMaxBodyBytes = 1 << 20;
// Header block limit.
inline constexpr std::size_t kMaxHeaderBytes = 16 << 10;
// An idle keep-alive connection is closed after this many seconds.
inline constexpr int kIdleSeconds = 60;
// After refusing an oversized request, how long and how much of the rest
// of it we read and drop so the client sees the 413.
inline constexpr int kLingerSeconds = 5;
inline constexpr std::size_t kMaxLingerBytes = 64 << 20;
// Open connections at most; beyond this new ones get 503 and are closed.
inline constexpr int kMaxConnections = 4096;
}  // namespace limits

// The Beast listener: one coroutine per connection, request handling pure
// (request in, response out) through the Router.
class Server {
 public:
  Server(boost::asio::io_context& ioc, const Router& router);
  // Binds and starts accepting. Returns the bound endpoint (port 0 picks one).
  Result<boost::asio::ip::tcp::endpoint> Listen(const std::string& host, unsigned short port);
  // Stops accepting new connections; in-flight requests finish.
  void StopAccepting();
  int in_flight() const { return in_flight_.load(); }

 private:
  boost::asio::awaitable<void> Accept();
  boost::asio::awaitable<void> Session(boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& ioc_;
  const Router& router_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::atomic<int> in_flight_{0};
  std::atomic<int> connections_{0};
};

// Parses "HOST:PORT" ("127.0.0.1:8080", "[::1]:0").
Result<std::pair<std::string, unsigned short>> ParseListen(std::string_view text);

}  // namespace warroom::http
