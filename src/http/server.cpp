#include "http/server.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <spdlog/spdlog.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/range/iterator_range.hpp>
#include <charconv>
#include <cstring>
#include <sstream>

#include "http/forwarded.hpp"
#include "http/problem.hpp"
#include "http/proxy_protocol.hpp"
#include "http/security_headers.hpp"
#include "http/tls_context.hpp"

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
namespace ssl = asio::ssl;
using asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
using SteadyClock = std::chrono::steady_clock;

namespace {

// How much a connection reads at once while waiting for a request.
constexpr std::size_t kReadChunk = 16 << 10;

std::string Serialize(Response& res) {
  SetCommonHeaders(res);
  res.keep_alive(false);
  res.prepare_payload();
  std::ostringstream os;
  os << res;
  return os.str();
}

// /healthz and /readyz: answered even at the connection bound, and never
// counted against a client's request rate (monitoring must see the truth).
bool IsHealth(const Request& req) {
  if (req.method() != beast_http::verb::get && req.method() != beast_http::verb::head) return false;
  std::string_view path = req.target();
  path = path.substr(0, path.find('?'));
  return path == "/healthz" || path == "/readyz";
}

bool Expects100Continue(const Request& req) {
  auto it = req.find(beast_http::field::expect);
  return it != req.end() && beast::iequals(it->value(), "100-continue");
}

// The answer to a request that could not be read, or none when the client
// just went away (closed, timed out): a framing error gets 400, an
// oversized header 431, an oversized body 413, each naming what to fix.
std::optional<Response> ReadFailure(const boost::system::error_code& ec, std::string_view received,
                                    const std::string& peer, bool from_trusted_proxy) {
  namespace e = beast_http;
  auto bad = [](std::string why) {
    Response res = Problem(Error::InvalidArgument("malformed HTTP request: " + why +
                                                  " (see RFC 9112); the connection is closed"));
    return std::optional<Response>(std::move(res));
  };
  if (ec == e::error::body_limit)
    return Problem(Error::PayloadTooLarge(
        "the request is larger than the limit of " + std::to_string(limits::kMaxBodyBytes) +
        " bytes: send less (split large imports into several requests)"));
  if (ec == e::error::header_limit)
    return Problem(beast_http::status::request_header_fields_too_large, "header-too-large",
                   "the request header is larger than the limit of " +
                       std::to_string(limits::kMaxHeaderBytes) +
                       " bytes: send fewer or shorter header fields");
  if (ec.category() != e::make_error_code(e::error::bad_method).category()) return std::nullopt;
  if (LooksLikeProxyHeader(received) && !from_trusted_proxy)
    return bad("a PROXY protocol header from " + peer +
               ", which is not a trusted proxy (see --trusted-proxy)");
  switch (static_cast<e::error>(ec.value())) {
    case e::error::bad_line_ending:
      return bad("every line must end in CRLF (a bare LF is not accepted)");
    case e::error::bad_method:
      return bad("the request line must be 'METHOD TARGET HTTP/1.1' (bad method)");
    case e::error::bad_target:
      return bad("the request line must be 'METHOD TARGET HTTP/1.1' (bad target)");
    case e::error::bad_version:
      // A bare LF after the version lands here too.
      return bad("the request line must end in HTTP/1.0 or HTTP/1.1 and CRLF (not a bare LF)");
    case e::error::bad_field:
    case e::error::bad_value:
      return bad("a header field is not 'Name: value' ending in CRLF");
    case e::error::bad_obs_fold:
      return bad("a header field folded over several lines");
    case e::error::bad_content_length:
      return bad(
          "Content-Length must be one non-negative decimal number, and not sent with "
          "Transfer-Encoding");
    case e::error::multiple_content_length:
      return bad("Content-Length given twice with different values");
    case e::error::bad_transfer_encoding:
      return bad(
          "Transfer-Encoding must end in 'chunked', be given once, and not be sent with "
          "Content-Length");
    case e::error::bad_chunk:
    case e::error::bad_chunk_extension:
      return bad("a malformed chunk in a chunked body");
    default:
      return std::nullopt;  // end of stream, a partial message: the client went away
  }
}

}  // namespace

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
  overloaded_ = Serialize(res);
  too_many_connections_response_ =
      Problem(beast_http::status::too_many_requests, "too-many-requests",
              "more than " + std::to_string(bounds_.max_connections_per_client) +
                  " open connections from this client address: close some (reuse connections with "
                  "keep-alive), then retry");
  too_many_connections_response_.set(beast_http::field::retry_after, "1");
  Response copy = too_many_connections_response_;
  too_many_connections_ = Serialize(copy);
}

struct Server::ConnectionThread {
  asio::io_context ioc;
  asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(ioc);
  std::thread thread;
};

void Server::StartConnectionThreads(int n) {
  for (int i = 0; i < n; ++i) {
    auto t = std::make_unique<ConnectionThread>();
    t->thread = std::thread([&ioc = t->ioc] { ioc.run(); });
    connection_threads_.push_back(std::move(t));
  }
}

void Server::StopConnectionThreads() {
  for (auto& t : connection_threads_) {
    t->work.reset();
    t->ioc.stop();
  }
  for (auto& t : connection_threads_)
    if (t->thread.joinable()) t->thread.join();
}

asio::any_io_executor Server::NextConnectionExecutor() {
  if (connection_threads_.empty()) return asio::make_strand(ioc_);
  std::size_t i = next_thread_.fetch_add(1, std::memory_order_relaxed);
  return connection_threads_[i % connection_threads_.size()]->ioc.get_executor();
}

Server::~Server() {
  StopConnectionThreads();
  // Connections still suspended are destroyed here, while what they
  // reference is alive.
  connection_threads_.clear();
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

void Server::ShedWithReserve() {
  // Every connection waiting in the backlog hears 503 now, not after one
  // backoff interval each.
  for (int shed = 0; shed < limits::kMaxShedPerBackoff && reserve_fd_ >= 0; ++shed) {
    ::close(reserve_fd_);
    reserve_fd_ = -1;
    int fd = ::accept4(acceptor_.native_handle(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      // Read what the client already sent, so the close is a FIN, not a
      // reset that could destroy the answer before it is read.
      char sink[4096];
      for (int i = 0; i < 16 && ::recv(fd, sink, sizeof sink, 0) > 0; ++i) {
      }
      // Under TLS a plain answer is noise, and a handshake needs the
      // descriptors we lack: the client only sees the connection closed.
      if (!tls_enabled_) (void)!::send(fd, overloaded_.data(), overloaded_.size(), MSG_NOSIGNAL);
      ::shutdown(fd, SHUT_WR);
      ::close(fd);
    }
    reserve_fd_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (fd < 0) break;  // the backlog is empty (or another thread took the descriptor)
  }
  if (reserve_fd_ < 0) reserve_fd_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}

asio::awaitable<void> Server::Accept() {
  // Waits until connections are pending, then takes them with accept4 in a
  // batch: a connection over its client's bound is refused with a few system
  // calls and no coroutine. Failing accepts (out of descriptors) must not
  // spin: back off, answer 503 through the reserve descriptor, and log a
  // count now and then.
  asio::steady_timer backoff(ioc_);
  auto delay = limits::kAcceptBackoffMin;
  std::uint64_t failures = 0, unlogged = 0;
  SteadyClock::time_point last_log{};
  const int listener = acceptor_.native_handle();
  for (;;) {
    auto [wec] = co_await acceptor_.async_wait(tcp::acceptor::wait_read, kTuple);
    if (wec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
    int error = 0;
    for (int batch = 0; batch < limits::kAcceptBatch && !error; ++batch) {
      sockaddr_storage from{};
      socklen_t from_len = sizeof from;
      int fd = ::accept4(listener, reinterpret_cast<sockaddr*>(&from), &from_len,
                         SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) break;
        if (errno == EINTR || errno == ECONNABORTED) continue;
        error = errno;
        break;
      }
      if (failures > 0) {
        spdlog::info("accepting connections again after {} failed accept(s)", failures);
        failures = unlogged = 0;
        delay = limits::kAcceptBackoffMin;
      }
      asio::ip::address peer;
      if (from.ss_family == AF_INET) {
        const auto& v4 = reinterpret_cast<const sockaddr_in&>(from);
        peer = asio::ip::address_v4(ntohl(v4.sin_addr.s_addr));
      } else if (from.ss_family == AF_INET6) {
        const auto& v6 = reinterpret_cast<const sockaddr_in6&>(from);
        asio::ip::address_v6::bytes_type bytes;
        std::memcpy(bytes.data(), &v6.sin6_addr, bytes.size());
        peer = asio::ip::address_v6(bytes);
      }
      const AddressBytes key = ToBytes(peer);
      const bool peer_is_proxy = Trusted(key);
      // Counted here: one client's 4,000 connections must not slow everyone
      // else down.
      if (!peer_is_proxy && !clients_->Connect(key)) {
        Refuse(fd);
        continue;
      }
      // Each connection on one connection thread (or a strand of its own):
      // the coroutine and the stream's timeout handler never run at once on
      // two threads, and the coroutine never changes threads.
      tcp::socket socket(NextConnectionExecutor());
      boost::system::error_code aec;
      socket.assign(protocol_, fd, aec);
      if (aec) {
        ::close(fd);
        if (!peer_is_proxy) clients_->Disconnect(key);
        continue;
      }
      auto executor = socket.get_executor();
      asio::co_spawn(executor, Session(std::move(socket), peer, peer_is_proxy), asio::detached);
    }
    if (!error) continue;
    ++failures;
    ++unlogged;
    bool out_of_descriptors = error == EMFILE || error == ENFILE;
    if (out_of_descriptors) ShedWithReserve();
    auto now = SteadyClock::now();
    if (now - last_log >= limits::kAcceptLogInterval) {
      spdlog::warn("accept failed {} time(s) since the last report: {}{}", unlogged,
                   std::strerror(error),
                   out_of_descriptors
                       ? " (new connections get 503 until descriptors free up: raise the limit, "
                         "ulimit -n, or lower --max-connections-per-client)"
                       : "");
      unlogged = 0;
      last_log = now;
    }
    backoff.expires_after(delay);
    auto [bec] = co_await backoff.async_wait(kTuple);
    (void)bec;
    delay = std::min(delay * 2, limits::kAcceptBackoffMax);
  }
}

template <class Stream>
asio::awaitable<void> Server::AnswerAndClose(Stream& stream, Response& res,
                                             std::chrono::milliseconds linger,
                                             Transport transport) {
  res.keep_alive(false);
  SetCommonHeaders(res, transport);
  res.prepare_payload();
  auto& lowest = beast::get_lowest_layer(stream);
  lowest.expires_after(std::chrono::seconds(limits::kLingerSeconds));
  auto [wec, wn] = co_await beast_http::async_write(stream, res, kTuple);
  (void)wn;
  if (wec) co_return;
  if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
    // Under TLS the close_notify exchange is the lingering close: OpenSSL
    // reads and drops what the client still sends until its close_notify.
    lowest.expires_after(std::max<std::chrono::milliseconds>(linger, limits::kTlsShutdown));
    auto [sec] = co_await stream.async_shutdown(kTuple);
    (void)sec;
    co_return;
  } else {
    // Lingering close: read and drop what the client is still sending, so
    // it can finish its write and read the answer instead of a reset.
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(linger);
    std::array<char, 16 * 1024> sink;
    std::size_t drained = 0;
    while (drained < limits::kMaxLingerBytes) {
      auto [rec, rn] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
      if (rec) break;
      drained += rn;
    }
  }
}

void Server::Refuse(int fd) {
  // Held for a while before the answer: a client that reconnects as soon as
  // it is refused would otherwise cost the kernel a connection set-up and
  // tear-down thousands of times a second.
  {
    std::lock_guard lock(held_mu_);
    if (held_.size() < max_held_) {
      held_.push_back({fd, SteadyClock::now() + limits::kRefusalHold});
      return;
    }
  }
  AnswerRefused(fd);
}

asio::awaitable<void> Server::ReleaseHeld() {
  asio::steady_timer tick(ioc_);
  for (;;) {
    tick.expires_after(std::chrono::milliseconds(100));
    auto [ec] = co_await tick.async_wait(kTuple);
    if (ec) co_return;
    std::vector<int> due;
    {
      std::lock_guard lock(held_mu_);
      auto now = SteadyClock::now();
      while (!held_.empty() && held_.front().second <= now) {
        due.push_back(held_.front().first);
        held_.pop_front();
      }
    }
    for (int fd : due) AnswerRefused(fd);
  }
}

std::optional<tcp::socket> Server::AdoptRefused(int fd) {
  tcp::socket socket(NextConnectionExecutor());
  boost::system::error_code ec;
  socket.assign(protocol_, fd, ec);
  if (ec) {
    ::close(fd);  // the socket never took it: nobody else will close it
    return std::nullopt;
  }
  return socket;
}

void Server::AnswerRefused(int fd) {
  if (auto tls = CurrentTls()) {
    // The 429 needs a handshake first; the hold before it keeps such
    // handshakes to one per connection every kRefusalHold.
    if (auto socket = AdoptRefused(fd)) {
      auto executor = socket->get_executor();
      asio::co_spawn(executor, RefuseOverTls(std::move(*socket), std::move(tls)), asio::detached);
    }
    return;
  }
  int pending = 0;
  if (::ioctl(fd, FIONREAD, &pending) == 0 && pending == 0) {
    // Nothing sent yet: answer, then wait a moment for the request so that
    // closing does not reset the connection under the answer.
    if (auto socket = AdoptRefused(fd)) {
      auto executor = socket->get_executor();
      asio::co_spawn(executor, RefuseWhenRead(std::move(*socket)), asio::detached);
    }
    return;
  }
  // Read what the client sent, so the close is a FIN, not a reset that could
  // destroy the answer before it is read.
  char sink[4096];
  (void)!::recv(fd, sink, sizeof sink, MSG_DONTWAIT);
  (void)!::send(fd, too_many_connections_.data(), too_many_connections_.size(),
                MSG_DONTWAIT | MSG_NOSIGNAL);
  ::close(fd);
}

asio::awaitable<void> Server::RefuseWhenRead(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  stream.expires_after(limits::kRefusalLinger);
  auto [wec, wn] = co_await asio::async_write(stream, asio::buffer(too_many_connections_), kTuple);
  (void)wn;
  if (wec) co_return;
  boost::system::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  std::array<char, 4096> sink;
  for (int i = 0; i < 16; ++i) {
    auto [rec, rn] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
    (void)rn;
    if (rec) break;
  }
}

asio::awaitable<void> Server::RefuseOverTls(tcp::socket socket, std::shared_ptr<TlsContext> tls) {
  beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), tls->native());
  beast::get_lowest_layer(stream).expires_after(limits::kTlsRefusalHandshake);
  auto [hec] = co_await stream.async_handshake(ssl::stream_base::server, kTuple);
  if (hec) co_return;
  Response res = too_many_connections_response_;
  co_await AnswerAndClose(stream, res, limits::kRefusalLinger, Transport::kTls);
}

bool Server::Trusted(const AddressBytes& a) const {
  return !bounds_.trusted_proxies.empty() && bounds_.trusted_proxies.Contains(a);
}

asio::awaitable<void> Server::Session(tcp::socket socket, asio::ip::address peer,
                                      bool peer_is_proxy) {
  struct Count {
    std::shared_ptr<std::atomic<int>> n;
    explicit Count(std::shared_ptr<std::atomic<int>> c) : n(std::move(c)) { ++*n; }
    ~Count() { --*n; }
  } conn(connections_);
  // The client's place in its connection bound, taken by Accept (or below,
  // once a PROXY header names the client); a proxy's own connections carry
  // many clients and are not counted.
  struct Slot {
    std::shared_ptr<ClientTable> table;
    AddressBytes key{};
    ~Slot() {
      if (table) table->Disconnect(key);
    }
  } slot;
  if (!peer_is_proxy) {
    slot.table = clients_;
    slot.key = ToBytes(peer);
  }
  // The context of this connection for its whole life: a reload (SIGHUP)
  // changes what later handshakes use, never this one.
  std::shared_ptr<TlsContext> tls = CurrentTls();
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  Connection c;
  c.peer = peer;
  c.peer_is_proxy = peer_is_proxy;
  c.transport = tls ? Transport::kTls : Transport::kPlain;
  c.idle = std::chrono::seconds(limits::kIdleSeconds);
  c.header_timeout = bounds_.header_timeout_seconds > 0
                         ? std::chrono::seconds(bounds_.header_timeout_seconds)
                         : c.idle;
  // The header deadline runs from the connection: the PROXY header, the TLS
  // handshake and the first request's header must all arrive within it.
  const auto deadline = SteadyClock::now() + c.header_timeout;
  stream.expires_at(deadline);
  c.client = peer;
  if (peer_is_proxy) {
    // Before the handshake: the proxy writes it in the clear, then relays
    // the client's bytes (TLS included) untouched.
    ProxyHeader proxy;
    for (;;) {
      std::string_view have(static_cast<const char*>(buffer.data().data()), buffer.size());
      proxy = ParseProxyHeader(have);
      if (proxy.status != ProxyHeader::Status::kNeedMore) break;
      auto [rec, rn] =
          co_await stream.async_read_some(buffer.prepare(kMaxProxyHeaderBytes), kTuple);
      if (rec) co_return;
      buffer.commit(rn);
    }
    if (proxy.status == ProxyHeader::Status::kInvalid) {
      if (tls) {
        // What follows is not known to be TLS: a plain 400 would be noise to
        // a TLS client, and a handshake over garbage fails anyway.
        spdlog::debug("closing a connection from {}: malformed PROXY protocol header: {}",
                      AddressText(peer), proxy.error);
        co_return;
      }
      Response res = Problem(Error::InvalidArgument(
          "malformed PROXY protocol header: " + proxy.error + "; the connection is closed"));
      co_await AnswerAndClose(stream, res, std::chrono::seconds(limits::kLingerSeconds),
                              c.transport);
      co_return;
    }
    if (proxy.status == ProxyHeader::Status::kOk) {
      buffer.consume(proxy.length);
      if (proxy.source) c.client = *proxy.source;
    }
  }
  c.client_key = ToBytes(c.client);
  // X-Forwarded-For is believed only when the hop that sent it is trusted.
  c.client_is_proxy = Trusted(c.client_key);
  bool refused = false;
  if (peer_is_proxy && !c.client_is_proxy) {
    if (!clients_->Connect(c.client_key)) {
      refused = true;
    } else {
      slot.table = clients_;
      slot.key = c.client_key;
    }
  }
  c.over_limit = connections_->load() > limits::kMaxConnections;
  if (!tls) {
    if (refused) {
      Response res = too_many_connections_response_;
      co_await AnswerAndClose(stream, res, limits::kRefusalLinger, c.transport);
      co_return;
    }
    co_await Exchange(stream, buffer, c);
    co_return;
  }
  beast::ssl_stream<beast::tcp_stream> secure(std::move(stream), tls->native());
  beast::get_lowest_layer(secure).expires_at(deadline);
  // What was read past the PROXY header is the start of the ClientHello.
  auto [hec, used] =
      co_await secure.async_handshake(ssl::stream_base::server, buffer.data(), kTuple);
  if (hec) {
    // Plain HTTP to this port, a scanner, a client that gave up or never
    // finished within the header deadline: routine, not an error.
    spdlog::debug("TLS handshake with {} failed: {}", AddressText(c.client), hec.message());
    co_return;
  }
  buffer.consume(used);
  if (buffer.size() != 0) co_return;  // bytes past the handshake that it did not take
  if (refused) {
    Response res = too_many_connections_response_;
    co_await AnswerAndClose(secure, res, limits::kRefusalLinger, c.transport);
    co_return;
  }
  co_await Exchange(secure, buffer, c);
}

namespace {

// The end of a connection the server closes: over plain TCP a FIN; over TLS
// a close_notify first (RFC 8446 6.1), waiting at most kTlsShutdown for the
// client's (records it sends meanwhile are dropped by OpenSSL).
asio::awaitable<void> CloseSend(beast::tcp_stream& stream) {
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  co_return;
}

asio::awaitable<void> CloseSend(beast::ssl_stream<beast::tcp_stream>& stream) {
  beast::get_lowest_layer(stream).expires_after(limits::kTlsShutdown);
  auto [ec] = co_await stream.async_shutdown(kTuple);
  (void)ec;
  boost::system::error_code ignored;
  beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace

template <class Stream>
asio::awaitable<void> Server::Exchange(Stream& stream, beast::flat_buffer& buffer,
                                       const Connection& c) {
  auto& lowest = beast::get_lowest_layer(stream);
  boost::system::error_code ec;
  for (bool first = true;; first = false) {
    if (!first) {
      // A kept-alive connection may idle; its next header has the deadline
      // from its first byte.
      if (buffer.size() == 0) {
        lowest.expires_after(c.idle);
        auto [rec, rn] = co_await stream.async_read_some(buffer.prepare(kReadChunk), kTuple);
        if (rec) break;
        buffer.commit(rn);
      }
      lowest.expires_after(c.header_timeout);
    }
    beast_http::request_parser<beast_http::string_body> parser;
    parser.body_limit(limits::kMaxBodyBytes);
    parser.header_limit(limits::kMaxHeaderBytes);
    auto [hec, hn] = co_await beast_http::async_read_header(stream, buffer, parser, kTuple);
    (void)hn;
    ec = hec;
    if (!ec && !parser.is_done()) {
      if (Expects100Continue(parser.get())) {
        // The header is fine and the declared body within the limit (a larger
        // one failed above with 413): ask for the body.
        beast_http::response<beast_http::empty_body> go_on{beast_http::status::continue_,
                                                           parser.get().version()};
        auto [cec, cn] = co_await beast_http::async_write(stream, go_on, kTuple);
        (void)cn;
        if (cec) break;
      }
      // The body must average min_body_rate since the header, after a grace:
      // each read's deadline is what the bytes so far have earned.
      const auto body_start = SteadyClock::now();
      std::uint64_t received = 0;
      while (!ec && !parser.is_done()) {
        if (bounds_.min_body_rate > 0)
          lowest.expires_at(
              body_start + std::chrono::seconds(kBodyGraceSeconds) +
              std::chrono::microseconds(received * 1'000'000 / bounds_.min_body_rate));
        else
          lowest.expires_after(c.idle);
        auto [bec, bn] = co_await beast_http::async_read_some(stream, buffer, parser, kTuple);
        ec = bec;
        received += bn;
      }
    }
    if (ec) {
      std::string_view received(static_cast<const char*>(buffer.data().data()), buffer.size());
      auto answer = ReadFailure(ec, received, AddressText(c.peer), c.peer_is_proxy);
      if (answer) {
        answer->version(parser.is_header_done() ? parser.get().version() : 11);
        co_await AnswerAndClose(stream, *answer, std::chrono::seconds(limits::kLingerSeconds),
                                c.transport);
      }
      co_return;
    }
    Request req = parser.release();
    Response res;
    if (draining_) {
      res = Problem(Error::Unavailable("the server is stopping: retry in a moment"), req.version());
      res.keep_alive(false);
    } else if (c.over_limit && !IsHealth(req)) {
      res = Problem(Error::ResourceExhausted("too many open connections: retry shortly"),
                    req.version());
      res.keep_alive(false);
    } else {
      auto wait = SteadyClock::duration::zero();
      AddressBytes request_client = c.client_key;
      if (!IsHealth(req) && bounds_.requests_per_second_per_client > 0) {
        if (c.client_is_proxy && req.count("X-Forwarded-For") > 0) {
          std::string forwarded;
          for (const auto& f : boost::make_iterator_range(req.equal_range("X-Forwarded-For"))) {
            if (!forwarded.empty()) forwarded += ',';
            forwarded.append(f.value().data(), f.value().size());
          }
          request_client = ToBytes(ForwardedClient(forwarded, c.client, bounds_.trusted_proxies));
        }
        wait = clients_->Request(request_client, SteadyClock::now());
      }
      if (wait > SteadyClock::duration::zero()) {
        auto seconds = std::chrono::ceil<std::chrono::seconds>(wait).count();
        res = Problem(
            beast_http::status::too_many_requests, "too-many-requests",
            "more than " +
                std::to_string(static_cast<long long>(bounds_.requests_per_second_per_client)) +
                " requests a second from this client: retry after " + std::to_string(seconds) +
                " s",
            req.version());
        res.set(beast_http::field::retry_after, std::to_string(seconds));
        res.keep_alive(req.keep_alive());
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
    }
    res.version(req.version());
    SetCommonHeaders(res, c.transport);
    res.prepare_payload();
    if (req.method() == beast_http::verb::head) {
      // HEAD: the GET answer's header, Content-Length included, without the body.
      std::size_t length = res.body().size();
      res.body().clear();
      if (res.result() != beast_http::status::no_content) res.content_length(length);
    }
    bool keep = res.keep_alive();
    auto [wec, wn] = co_await beast_http::async_write(stream, res, kTuple);
    (void)wn;
    if (wec || !keep) break;
  }
  co_await CloseSend(stream);
}

}  // namespace warroom::http
