// Server (server.hpp): its set-up, listening, TLS and connection threads.
#include "http/server.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <charconv>

#include "http/answer_and_close.hpp"
#include "http/problem.hpp"
#include "http/tls_context.hpp"

namespace warroom::http {

namespace asio = boost::asio;
using asio::ip::tcp;

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

Server::Server(asio::io_context& ioc, const Router& router, ClientBounds bounds)
    : ioc_(ioc),
      router_(router),
      bounds_(std::move(bounds)),
      clients_(std::make_shared<ClientTable>(bounds_)),
      accept_strand_(asio::make_strand(ioc)),
      acceptor_(accept_strand_) {
  Response res =
      Problem(Error::ResourceExhausted("the server is out of file descriptors: retry shortly"));
  overloaded_ = SerializeClosing(res);
  too_many_connections_response_ =
      Problem(beast_http::status::too_many_requests, "too-many-requests",
              "more than " + std::to_string(bounds_.max_connections_per_client) +
                  " open connections from this client address: close some (reuse connections with "
                  "keep-alive), then retry");
  too_many_connections_response_.set(beast_http::field::retry_after, "1");
  Response copy = too_many_connections_response_;
  too_many_connections_ = SerializeClosing(copy);
}

void Server::StartConnectionThreads(int n) { connection_threads_.Start(n); }

void Server::StopConnectionThreads() { connection_threads_.Stop(); }

Server::~Server() {
  StopConnectionThreads();
  // Connections still suspended are destroyed here, while what they
  // reference is alive.
  connection_threads_.Clear();
  if (reserve_fd_ >= 0) ::close(reserve_fd_);
  for (auto& [fd, until] : held_) ::close(fd);
}

Result<tcp::endpoint> Server::Listen(const std::string& host, unsigned short port) {
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
  if (ec)
    return Error::InvalidArgument("'" + host +
                                  "' is not an IP address: use 127.0.0.1, ::1 or 0.0.0.0");
  tcp::endpoint ep(addr, port);
  protocol_ = ep.protocol();
  acceptor_.open(ep.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(ep, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  // Non-blocking, so the reserve descriptor's accept never waits.
  if (!ec) acceptor_.native_non_blocking(true, ec);
  if (ec)
    return Error::Unavailable("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                              ec.message() +
                              " (is another server on that port? try --listen 127.0.0.1:0)");
  reserve_fd_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  rlimit nofile{};
  if (::getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur != RLIM_INFINITY)
    max_held_ = std::min<std::size_t>(limits::kMaxHeldRefusals, nofile.rlim_cur / 4);
  asio::co_spawn(accept_strand_, Accept(), asio::detached);
  asio::co_spawn(ioc_, ReleaseHeld(), asio::detached);
  return acceptor_.local_endpoint();
}

void Server::StopAccepting() {
  asio::post(accept_strand_, [this] {
    boost::system::error_code ec;
    acceptor_.close(ec);
  });
}

void Server::UseTls(std::shared_ptr<TlsContext> tls) {
  std::lock_guard lock(tls_mu_);
  tls_ = std::move(tls);
  tls_enabled_ = tls_ != nullptr;
}

std::shared_ptr<TlsContext> Server::CurrentTls() const {
  if (!tls_enabled_) return nullptr;  // plain HTTP: no lock per connection
  std::lock_guard lock(tls_mu_);
  return tls_;
}

bool Server::Trusted(const AddressBytes& a) const {
  return !bounds_.trusted_proxies.empty() && bounds_.trusted_proxies.Contains(a);
}

}  // namespace warroom::http
