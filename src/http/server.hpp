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
#include <thread>
#include <vector>

#include "base/result.hpp"
#include "http/client_limits.hpp"
#include "http/router.hpp"
#include "http/security_headers.hpp"

namespace warroom::http {

class TlsContext;

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
// Open connections at most; beyond this every request but /healthz and
// /readyz gets 503 (those still answer, so monitoring sees the truth).
inline constexpr int kMaxConnections = 4096;
// When accept fails (out of descriptors), the acceptor waits this long,
// doubling up to kAcceptBackoffMax, and logs at most once per
// kAcceptLogInterval with the count of failures.
inline constexpr std::chrono::milliseconds kAcceptBackoffMin{10};
inline constexpr std::chrono::milliseconds kAcceptBackoffMax{1000};
inline constexpr std::chrono::seconds kAcceptLogInterval{5};
// Out of descriptors, at most this many waiting connections are answered 503
// (through the reserve descriptor) per backoff interval.
inline constexpr int kMaxShedPerBackoff = 1024;
// Connections taken per wake-up of the acceptor before other work runs.
inline constexpr int kAcceptBatch = 64;
// How long a refused connection (over its client's bound) is read and dropped
// after its 429, so the client reads the answer rather than a reset.
inline constexpr std::chrono::milliseconds kRefusalLinger{100};
// A connection over its client's bound is held this long, unread, before its
// 429: a client that reconnects at once when refused (a slowloris) then
// costs a connection every ten seconds, not thousands a second (as long as
// the default header deadline: measured in docs/benchmarks.md, a 3 s hold
// still let 4,000 such connections raise others' p99 by half). At most
// kMaxHeldRefusals (and a quarter of the descriptor limit) are held; beyond,
// the 429 is immediate.
inline constexpr std::chrono::seconds kRefusalHold{10};
inline constexpr std::size_t kMaxHeldRefusals = 4096;
// Under TLS, how long the close_notify exchange may take when a connection
// ends, and how long a refused connection (over its client's bound) has for
// its handshake once its hold is over, so it can read its 429.
inline constexpr std::chrono::seconds kTlsShutdown{2};
inline constexpr std::chrono::seconds kTlsRefusalHandshake{2};
}  // namespace limits
// The per-client bounds and their defaults: ClientBounds (client_limits.hpp).

// The Beast listener: one coroutine per connection, request handling pure
// (request in, response out) through the Router.
class Server {
 public:
  Server(boost::asio::io_context& ioc, const Router& router, ClientBounds bounds = {});
  ~Server();
  // Binds and starts accepting. Returns the bound endpoint (port 0 picks one).
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
  // threads: clang 16 keeps the address of a thread_local across a
  // coroutine's suspension, so a coroutine resumed on another thread used the
  // first thread's Asio state (its frame recycling cache: heap corruption
  // under concurrent load). The io_context given to the constructor then
  // needs one thread only: it accepts, and runs the timers.
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
  boost::asio::awaitable<void> Accept();
  boost::asio::awaitable<void> Session(boost::asio::ip::tcp::socket socket,
                                       boost::asio::ip::address peer, bool peer_is_proxy);
  // The request loop, over a plain or a TLS stream; `buffer` holds what was
  // read past the PROXY header and the handshake.
  template <class Stream>
  boost::asio::awaitable<void> Exchange(Stream& stream, boost::beast::flat_buffer& buffer,
                                        const Connection& c);
  std::shared_ptr<TlsContext> CurrentTls() const;
  bool Trusted(const AddressBytes& a) const;
  // A connection (its descriptor) over its client's bound: 429 and close,
  // without a coroutine when the request is already there.
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
  // Answers `res` (closing), then reads and drops what the client still
  // sends for at most `linger`, so it can finish writing and read the answer.
  template <class Stream>
  boost::asio::awaitable<void> AnswerAndClose(Stream& stream, Response& res,
                                              std::chrono::milliseconds linger,
                                              Transport transport);
  // Out of descriptors: gives up the reserve one to accept a connection and
  // answer it 503, then takes the reserve back.
  void ShedWithReserve();

  // The executor a new connection runs on: the next connection thread's
  // io_context, or a strand of ioc_ when there are none.
  boost::asio::any_io_executor NextConnectionExecutor();

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
  // The connection threads, one io_context each (destroyed in ~Server before
  // the members above, with any connection still suspended on them).
  struct ConnectionThread;
  std::vector<std::unique_ptr<ConnectionThread>> connection_threads_;
  std::atomic<std::size_t> next_thread_{0};
};

// Parses "HOST:PORT" ("127.0.0.1:8080", "[::1]:0").
Result<std::pair<std::string, unsigned short>> ParseListen(std::string_view text);

}  // namespace warroom::http
