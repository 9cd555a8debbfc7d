// Server's acceptor (server.hpp): connections taken in batches, each client
// held to its connection bound before a coroutine exists, and running out of
// descriptors answered (503 through the reserve descriptor) without spinning.
#include <fcntl.h>
#include <netinet/in.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstring>

#include "http/server.hpp"
#include "http/use_tuple.hpp"

namespace warroom::http {

namespace asio = boost::asio;
using asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

namespace {

// The address accept4 filled in (unspecified for a family other than IP).
asio::ip::address PeerAddress(const sockaddr_storage& from) {
  if (from.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(from);
    return asio::ip::address_v4(ntohl(v4.sin_addr.s_addr));
  }
  if (from.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(from);
    asio::ip::address_v6::bytes_type bytes;
    std::memcpy(bytes.data(), &v6.sin6_addr, bytes.size());
    return asio::ip::address_v6(bytes);
  }
  return {};
}

}  // namespace

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

void Server::Admit(int fd, const asio::ip::address& peer) {
  const AddressBytes key = ToBytes(peer);
  const bool peer_is_proxy = Trusted(key);
  // Counted here: one client's 4,000 connections must not slow everyone
  // else down.
  if (!peer_is_proxy && !clients_->Connect(key)) {
    Refuse(fd);
    return;
  }
  // Each connection on one connection thread (or a strand of its own):
  // the coroutine and the stream's timeout handler never run at once on
  // two threads, and the coroutine never changes threads.
  tcp::socket socket(connection_threads_.Next(ioc_));
  boost::system::error_code aec;
  socket.assign(protocol_, fd, aec);
  if (aec) {
    ::close(fd);
    if (!peer_is_proxy) clients_->Disconnect(key);
    return;
  }
  auto executor = socket.get_executor();
  asio::co_spawn(executor, Session(std::move(socket), peer, peer_is_proxy), asio::detached);
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
      Admit(fd, PeerAddress(from));
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

}  // namespace warroom::http
