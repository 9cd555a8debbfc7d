// Server's refusals (server.hpp): a connection over its client's bound is
// held unread for limits::kRefusalHold, then answered 429 and closed.
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

#include "http/answer_and_close.hpp"
#include "http/server.hpp"
#include "http/tls_context.hpp"
#include "http/use_tuple.hpp"

namespace warroom::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = asio::ssl;
using asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

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
  tcp::socket socket(connection_threads_.Next(ioc_));
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

}  // namespace warroom::http
