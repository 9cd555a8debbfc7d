#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>

#include "http/problem.hpp"

namespace warroom::http {

// A request target without the integration keys a webhook URL may carry
// (/api/v1/ingest/alertmanager/wri_...): keys never reach a log.
std::string RedactKeys(std::string_view target) {
  std::string out(target);
  for (std::size_t at = out.find("wri_"); at != std::string::npos; at = out.find("wri_", at + 4)) {
    std::size_t end = out.find_first_of("/?#&", at);
    out.replace(at, (end == std::string::npos ? out.size() : end) - at, "wri_(redacted)");
  }
  return out;
}

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

Result<std::pair<std::string, unsigned short>> ParseListen(std::string_view text) {
  auto bad = [&] {
    return Error::InvalidArgument("listen address '" + std::string(text) +
                                  "' must be HOST:PORT, such as 127.0.0.1:8080 or [::1]:0");
  };
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return bad();
  std::string host(text.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  auto p = text.substr(colon + 1);
  auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
  if (ec != std::errc() || ptr != p.data() + p.size() || port > 65535 || p.empty()) return bad();
  return std::pair{host, static_cast<unsigned short>(port)};
}

Server::Server(asio::io_context& ioc, const Router& router)
    : ioc_(ioc), router_(router), acceptor_(ioc) {}

Result<tcp::endpoint> Server::Listen(const std::string& host, unsigned short port) {
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
  if (ec)
    return Error::InvalidArgument("'" + host +
                                  "' is not an IP address: use 127.0.0.1, ::1 or 0.0.0.0");
  tcp::endpoint ep(addr, port);
  acceptor_.open(ep.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(ep, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return Error::Unavailable("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                              ec.message() +
                              " (is another server on that port? try --listen 127.0.0.1:0)");
  asio::co_spawn(ioc_, Accept(), asio::detached);
  return acceptor_.local_endpoint();
}

void Server::StopAccepting() {
  asio::post(ioc_, [this] {
    boost::system::error_code ec;
    acceptor_.close(ec);
  });
}

asio::awaitable<void> Server::Accept() {
  for (;;) {
    auto [ec, socket] = co_await acceptor_.async_accept(kTuple);
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
      spdlog::warn("accept failed: {}", ec.message());
      continue;
    }
    asio::co_spawn(ioc_, Session(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> Server::Session(tcp::socket socket) {
  struct Count {
    std::atomic<int>& n;
    explicit Count(std::atomic<int>& c) : n(c) { ++n; }
    ~Count() { --n; }
  } conn(connections_);
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  bool over_limit = connections_.load() > limits::kMaxConnections;
  for (;;) {
    beast_http::request_parser<beast_http::string_body> parser;
    parser.body_limit(limits::kMaxBodyBytes);
    parser.header_limit(limits::kMaxHeaderBytes);
    stream.expires_after(std::chrono::seconds(limits::kIdleSeconds));
    auto [ec, n] = co_await beast_http::async_read(stream, buffer, parser, kTuple);
    (void)n;
    if (ec == beast_http::error::body_limit || ec == beast_http::error::header_limit) {
      Response res = Problem(Error::PayloadTooLarge(
          "the request is larger than the limit of " + std::to_string(limits::kMaxBodyBytes) +
          " bytes: send less (split large imports into several requests)"));
      res.keep_alive(false);
      res.prepare_payload();
      co_await beast_http::async_write(stream, res, kTuple);
      // Lingering close: read and drop what the client is still sending, so
      // it can finish its write and read the 413 instead of a reset.
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      stream.expires_after(std::chrono::seconds(limits::kLingerSeconds));
      std::array<char, 64 * 1024> sink;
      std::size_t drained = 0;
      while (drained < limits::kMaxLingerBytes) {
        auto [rec, rn] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
        if (rec) break;
        drained += rn;
      }
      co_return;
    }
    if (ec) break;  // closed, timed out, or not HTTP
    Request req = parser.release();
    Response res;
    if (over_limit) {
      res = Problem(Error::ResourceExhausted("too many open connections: retry shortly"),
                    req.version());
      res.keep_alive(false);
    } else {
      ++in_flight_;
      try {
        res = co_await router_.Dispatch(req);
      } catch (const std::exception& ex) {
        spdlog::error("request {} {} failed: {}", std::string(req.method_string()),
                      RedactKeys(req.target()), ex.what());
        res = Problem(Error::Internal("the server failed to handle this request; it is logged"),
                      req.version());
      }
      --in_flight_;
      res.keep_alive(req.keep_alive());
    }
    res.version(req.version());
    res.set(beast_http::field::server, "warroom");
    res.prepare_payload();
    bool keep = res.keep_alive();
    auto [wec, wn] = co_await beast_http::async_write(stream, res, kTuple);
    (void)wn;
    if (wec || !keep) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace warroom::http
