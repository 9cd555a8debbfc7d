// Server's connection set-up (server.hpp): the client's slot in its
// connection bound, the PROXY header, the TLS handshake; then the request
// loop (server_exchange.cpp).
#include <spdlog/spdlog.h>

#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

#include "http/answer_and_close.hpp"
#include "http/problem.hpp"
#include "http/proxy_protocol.hpp"
#include "http/server.hpp"
#include "http/tls_context.hpp"
#include "http/use_tuple.hpp"

namespace warroom::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = asio::ssl;
using asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

namespace {

// Counts an open connection for as long as it lives.
struct OpenConnection {
  std::shared_ptr<std::atomic<int>> n;
  explicit OpenConnection(std::shared_ptr<std::atomic<int>> c) : n(std::move(c)) { ++*n; }
  ~OpenConnection() { --*n; }
};

// The client's place in its connection bound, given back when the
// connection ends (empty: nothing was counted).
struct ClientSlot {
  std::shared_ptr<ClientTable> table;
  AddressBytes key{};
  ~ClientSlot() {
    if (table) table->Disconnect(key);
  }
};

}  // namespace

Server::Connection Server::NewConnection(const asio::ip::address& peer, bool peer_is_proxy,
                                         bool tls) const {
  Connection c;
  c.peer = peer;
  c.peer_is_proxy = peer_is_proxy;
  c.client = peer;
  c.transport = tls ? Transport::kTls : Transport::kPlain;
  c.idle = std::chrono::seconds(limits::kIdleSeconds);
  c.header_timeout = bounds_.header_timeout_seconds > 0
                         ? std::chrono::seconds(bounds_.header_timeout_seconds)
                         : c.idle;
  return c;
}

asio::awaitable<bool> Server::ReadProxyHeader(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                              Connection& c, bool tls) {
  // Before the handshake: the proxy writes it in the clear, then relays
  // the client's bytes (TLS included) untouched.
  ProxyHeader proxy;
  for (;;) {
    std::string_view have(static_cast<const char*>(buffer.data().data()), buffer.size());
    proxy = ParseProxyHeader(have);
    if (proxy.status != ProxyHeader::Status::kNeedMore) break;
    auto [rec, rn] = co_await stream.async_read_some(buffer.prepare(kMaxProxyHeaderBytes), kTuple);
    if (rec) co_return false;
    buffer.commit(rn);
  }
  if (proxy.status == ProxyHeader::Status::kInvalid) {
    if (tls) {
      // What follows is not known to be TLS: a plain 400 would be noise to
      // a TLS client, and a handshake over garbage fails anyway.
      spdlog::debug("closing a connection from {}: malformed PROXY protocol header: {}",
                    AddressText(c.peer), proxy.error);
      co_return false;
    }
    Response res = Problem(Error::InvalidArgument(
        "malformed PROXY protocol header: " + proxy.error + "; the connection is closed"));
    co_await AnswerAndClose(stream, res, std::chrono::seconds(limits::kLingerSeconds), c.transport);
    co_return false;
  }
  if (proxy.status == ProxyHeader::Status::kOk) {
    buffer.consume(proxy.length);
    if (proxy.source) c.client = *proxy.source;
  }
  co_return true;
}

asio::awaitable<void> Server::Session(tcp::socket socket, asio::ip::address peer,
                                      bool peer_is_proxy) {
  OpenConnection open(connections_);
  // Taken by Accept (or below, once a PROXY header names the client); a
  // proxy's own connections carry many clients and are not counted.
  ClientSlot slot;
  if (!peer_is_proxy) {
    slot.table = clients_;
    slot.key = ToBytes(peer);
  }
  // The context of this connection for its whole life: a reload (SIGHUP)
  // changes what later handshakes use, never this one.
  std::shared_ptr<TlsContext> tls = CurrentTls();
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  Connection c = NewConnection(peer, peer_is_proxy, tls != nullptr);
  // The header deadline runs from the connection: the PROXY header, the TLS
  // handshake and the first request's header must all arrive within it.
  const auto deadline = SteadyClock::now() + c.header_timeout;
  stream.expires_at(deadline);
  if (peer_is_proxy && !co_await ReadProxyHeader(stream, buffer, c, tls != nullptr)) co_return;
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

}  // namespace warroom::http
