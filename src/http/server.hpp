#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "http/client_limits.hpp"
#include "http/connection_threads.hpp"
#include "http/redact_keys.hpp"
#include "http/router.hpp"
#include "http/security_headers.hpp"
#include "http/server_limits.hpp"

namespace warroom::http {

class TlsContext;

// The per-client bounds and their defaults: ClientBounds (client_limits.hpp).

// The Beast listener: one coroutine per connection, request handling pure
// (request in, response out) through the Router. Its parts, one file each:
// server.cpp (set-up, listening, TLS, the connection threads),
// server_accept.cpp (the acceptor: batches, the client's connection bound,
// running out of descriptors), server_refusals.cpp (connections over their
// client's bound: held, then 429), server_session.cpp (a connection's
// set-up: PROXY header, TLS handshake) and server_exchange.cpp (its request
// loop: deadlines, the body rate, drain and rate limits, the route's answer).
//
// Every failure of a connection ends that connection only; what the client
// is told is in limits (server_limits.hpp) and ReadFailure.
class Server {
 public:
  Server(boost::asio::io_context& ioc, const Router& router, ClientBounds bounds = {});
  ~Server();
  // Binds and starts accepting. Returns the bound endpoint (port 0 picks one);
  // InvalidArgument when `host` is not an IP address (or "localhost"),
  // Unavailable when the address cannot be bound (the message says why).
  Result<boost::asio::ip::tcp::endpoint> Listen(const std::string& host, unsigned short port);
  // Terminates TLS with this context (set before Listen to serve HTTPS
  // only). Called again (SIGHUP), new handshakes use the new context while
  // every open connection keeps the one it shook hands with.
  void UseTls(std::shared_ptr<TlsContext> tls);
  bool tls() const { return tls_enabled_.load(); }
  // The drain (SIGTERM): from now on every request, on a new connection or a
  // kept-alive one, is answered 503 with Retry-After and Connection: close,
  // while in-flight requests finish. Accepting goes on until StopAccepting.
  void BeginDrain() { draining_ = true; }
  // Stops accepting new connections; in-flight requests finish.
  void StopAccepting();
  // Runs the connections on `n` threads, each with an io_context of its own
  // (call before Listen; without it, connections run on strands of the
  // constructor's io_context). A connection's coroutine then never changes
  // threads (ConnectionThreads says why). The io_context given to the
  // constructor then needs one thread only: it accepts, and runs the timers.
  void StartConnectionThreads(int n);
  // Stops those threads (after the drain); the destructor does it too.
  void StopConnectionThreads();
  int in_flight() const { return in_flight_.load(); }
  int connections() const { return connections_->load(); }

 private:
  // What a connection's request loop needs from its set-up (the PROXY
  // header and the client it names, the deadlines, the transport).
  struct Connection {
    boost::asio::ip::address peer;
    bool peer_is_proxy = false;
    boost::asio::ip::address client;
    AddressBytes client_key{};
    bool client_is_proxy = false;
    bool over_limit = false;
    std::chrono::seconds header_timeout{};
    std::chrono::seconds idle{};
    Transport transport = Transport::kPlain;
  };
  // server_accept.cpp
  boost::asio::awaitable<void> Accept();
  // Takes one accepted descriptor: refused over its client's bound, else a
  // Session on the next connection executor.
  void Admit(int fd, const boost::asio::ip::address& peer);
  // Out of descriptors: gives up the reserve one to accept a connection and
  // answer it 503, then takes the reserve back.
  void ShedWithReserve();

  // server_session.cpp
  boost::asio::awaitable<void> Session(boost::asio::ip::tcp::socket socket,
                                       boost::asio::ip::address peer, bool peer_is_proxy);
  // The connection's deadlines and transport, before anything is read.
  Connection NewConnection(const boost::asio::ip::address& peer, bool peer_is_proxy,
                           bool tls) const;
  // Reads the PROXY header a trusted proxy sends first and sets c.client
  // from it; false when the connection is over (malformed: answered 400 in
  // the clear, or closed under TLS; or the client went away).
  boost::asio::awaitable<bool> ReadProxyHeader(boost::beast::tcp_stream& stream,
                                               boost::beast::flat_buffer& buffer, Connection& c,
                                               bool tls);

  // server_exchange.cpp: the request loop, over a plain or a TLS stream;
  // `buffer` holds what was read past the PROXY header and the handshake.
  // Instantiated there for both streams.
  template <class Stream>
  boost::asio::awaitable<void> Exchange(Stream& stream, boost::beast::flat_buffer& buffer,
                                        const Connection& c);
  // Reads one request's body after its header, at min_body_rate; the error
  // that ended it, if any.
  template <class Stream>
  boost::asio::awaitable<boost::system::error_code> ReadBody(
      Stream& stream, boost::beast::flat_buffer& buffer,
      beast_http::request_parser<beast_http::string_body>& parser, const Connection& c);
  // The answer that turns `req` away before it reaches a route (draining:
  // 503; the server's connection bound: 503 but for /healthz and /readyz;
  // the client's request rate: 429 with Retry-After), or nullopt.
  std::optional<Response> EarlyAnswer(const Request& req, const Connection& c);
  // The client a request is from: the connection's, or behind a trusted
  // proxy the X-Forwarded-For entry it vouches for.
  boost::asio::ip::address RequestClient(const Request& req, const Connection& c) const;
  // Writes what the handlers may trust of where `req` came from into it
  // (kClientHeader, kSecureHeader: browser_session.hpp).
  void Stamp(Request& req, const Connection& c) const;

  // server_refusals.cpp: a connection (its descriptor) over its client's
  // bound: 429 and close, without a coroutine when the request is already
  // there.
  void Refuse(int fd);
  void AnswerRefused(int fd);
  // A refused connection's descriptor as a socket on its own strand, or
  // nullopt (the descriptor closed) when the socket cannot take it.
  std::optional<boost::asio::ip::tcp::socket> AdoptRefused(int fd);
  // Answers the held refusals whose time has come, every 100 ms.
  boost::asio::awaitable<void> ReleaseHeld();
  boost::asio::awaitable<void> RefuseWhenRead(boost::asio::ip::tcp::socket socket);
  // Under TLS: the handshake, then the 429 (the client cannot read a plain one).
  boost::asio::awaitable<void> RefuseOverTls(boost::asio::ip::tcp::socket socket,
                                             std::shared_ptr<TlsContext> tls);

  std::shared_ptr<TlsContext> CurrentTls() const;
  bool Trusted(const AddressBytes& a) const;

  boost::asio::io_context& ioc_;
  const Router& router_;
  const ClientBounds bounds_;
  // Shared with every connection's coroutine: a session still suspended when
  // the server is destroyed (the drain gives open connections only a moment)
  // is destroyed with the io_context, after the server, and its destructors
  // must not touch freed memory.
  std::shared_ptr<ClientTable> clients_;
  // The acceptor, its coroutine and StopAccepting's close run on one strand:
  // Accept calls accept4 on the listening descriptor between waits.
  boost::asio::strand<boost::asio::io_context::executor_type> accept_strand_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::ip::tcp protocol_ = boost::asio::ip::tcp::v4();
  int reserve_fd_ = -1;
  std::string overloaded_;                  // the whole 503 the reserve descriptor sends
  Response too_many_connections_response_;  // 429: the client is at its connection bound
  std::string too_many_connections_;        // the same, serialized
  std::mutex held_mu_;
  std::deque<std::pair<int, std::chrono::steady_clock::time_point>> held_;  // by time
  std::size_t max_held_ = 256;
  mutable std::mutex tls_mu_;
  std::shared_ptr<TlsContext> tls_;  // null: plain HTTP
  std::atomic<bool> tls_enabled_{false};
  std::atomic<bool> draining_{false};
  std::atomic<int> in_flight_{0};
  std::shared_ptr<std::atomic<int>> connections_ = std::make_shared<std::atomic<int>>(0);
  // The connection threads, one io_context each (cleared in ~Server before
  // the members above, with any connection still suspended on them).
  ConnectionThreads connection_threads_;
};

// Parses "HOST:PORT" ("127.0.0.1:8080", "[::1]:0").
Result<std::pair<std::string, unsigned short>> ParseListen(std::string_view text);

}  // namespace warroom::http
