// Server's request loop (server.hpp): one connection's requests, in turn.
#include <spdlog/spdlog.h>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/range/iterator_range.hpp>

#include "http/answer_and_close.hpp"
#include "http/browser_session.hpp"
#include "http/flat_response.hpp"
#include "http/forwarded.hpp"
#include "http/problem.hpp"
#include "http/read_failure.hpp"
#include "http/server.hpp"
#include "http/use_tuple.hpp"

namespace warroom::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using SteadyClock = std::chrono::steady_clock;

namespace {

// How much a connection reads at once while waiting for a request.
constexpr std::size_t kReadChunk = 16 << 10;

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

// HEAD: the GET answer's header, Content-Length included, without the body.
void StripBodyForHead(Response& res) {
  std::size_t length = res.body().size();
  res.body().clear();
  if (res.result() != beast_http::status::no_content) res.content_length(length);
}

// The interim 100 Continue; false when it could not be written.
template <class Stream>
asio::awaitable<bool> SendContinue(Stream& stream, unsigned version) {
  beast_http::response<beast_http::empty_body> go_on{beast_http::status::continue_, version};
  auto [ec, n] = co_await beast_http::async_write(stream, go_on, kTuple);
  (void)n;
  co_return !ec;
}

// A streamed answer: its header (chunked), each piece the stream gives as
// a chunk, and the last chunk when it ends. Each write has `write_timeout`:
// a client that stopped reading is dropped, not waited for. False when the
// client went away.
template <class Stream>
asio::awaitable<bool> WriteStream(Stream& stream, Response& head, ResponseStream& body,
                                  std::chrono::seconds write_timeout,
                                  const std::atomic<bool>& draining) {
  auto& lowest = beast::get_lowest_layer(stream);
  beast_http::response<beast_http::empty_body> header{head.result(), head.version()};
  for (const auto& f : head) header.set(f.name_string(), f.value());
  header.chunked(true);
  header.keep_alive(false);
  beast_http::response_serializer<beast_http::empty_body> sr{header};
  lowest.expires_after(write_timeout);
  auto [hec, hn] = co_await beast_http::async_write_header(stream, sr, kTuple);
  (void)hn;
  if (hec) co_return false;
  while (!draining) {
    std::optional<std::string> piece = co_await body.Next();
    if (!piece) break;
    if (piece->empty()) continue;
    lowest.expires_after(write_timeout);
    auto [cec, cn] =
        co_await asio::async_write(stream, beast_http::make_chunk(asio::buffer(*piece)), kTuple);
    (void)cn;
    if (cec) co_return false;
  }
  lowest.expires_after(write_timeout);
  auto [lec, ln] = co_await asio::async_write(stream, beast_http::make_chunk_last(), kTuple);
  (void)ln;
  co_return !lec;
}

}  // namespace

boost::asio::ip::address Server::RequestClient(const Request& req, const Connection& c) const {
  if (!c.client_is_proxy || req.count("X-Forwarded-For") == 0) return c.client;
  std::string forwarded;
  for (const auto& f : boost::make_iterator_range(req.equal_range("X-Forwarded-For"))) {
    if (!forwarded.empty()) forwarded += ',';
    forwarded.append(f.value().data(), f.value().size());
  }
  return ForwardedClient(forwarded, c.client, bounds_.trusted_proxies);
}

void Server::Stamp(Request& req, const Connection& c) const {
  // Whatever the client wrote under these names is dropped: only the
  // server says where a request came from.
  req.erase(kClientHeader);
  req.erase(kSecureHeader);
  req.set(kClientHeader, AddressText(RequestClient(req, c)));
  bool secure = c.transport == Transport::kTls;
  if (!secure && c.client_is_proxy) {
    std::string_view proto = req["X-Forwarded-Proto"];
    secure = proto == "https" || proto == "HTTPS";
  }
  if (secure) req.set(kSecureHeader, "1");
}

std::optional<Response> Server::EarlyAnswer(const Request& req, const Connection& c) {
  if (draining_) {
    Response res =
        Problem(Error::Unavailable("the server is stopping: retry in a moment"), req.version());
    res.keep_alive(false);
    return res;
  }
  if (c.over_limit && !IsHealth(req)) {
    Response res = Problem(Error::ResourceExhausted("too many open connections: retry shortly"),
                           req.version());
    res.keep_alive(false);
    return res;
  }
  if (IsHealth(req) || bounds_.requests_per_second_per_client <= 0) return std::nullopt;
  AddressBytes request_client = c.client_is_proxy && req.count("X-Forwarded-For") > 0
                                    ? ToBytes(RequestClient(req, c))
                                    : c.client_key;
  auto wait = clients_->Request(request_client, SteadyClock::now());
  if (wait <= SteadyClock::duration::zero()) return std::nullopt;
  auto seconds = std::chrono::ceil<std::chrono::seconds>(wait).count();
  Response res = Problem(
      beast_http::status::too_many_requests, "too-many-requests",
      "more than " +
          std::to_string(static_cast<long long>(bounds_.requests_per_second_per_client)) +
          " requests a second from this client: retry after " + std::to_string(seconds) + " s",
      req.version());
  res.set(beast_http::field::retry_after, std::to_string(seconds));
  res.keep_alive(req.keep_alive());
  return res;
}

template <class Stream>
asio::awaitable<boost::system::error_code> Server::ReadBody(
    Stream& stream, beast::flat_buffer& buffer,
    beast_http::request_parser<beast_http::string_body>& parser, const Connection& c) {
  auto& lowest = beast::get_lowest_layer(stream);
  // The body must average min_body_rate since the header, after a grace:
  // each read's deadline is what the bytes so far have earned.
  const auto body_start = SteadyClock::now();
  std::uint64_t received = 0;
  boost::system::error_code ec;
  while (!ec && !parser.is_done()) {
    if (bounds_.min_body_rate > 0)
      lowest.expires_at(body_start + std::chrono::seconds(kBodyGraceSeconds) +
                        std::chrono::microseconds(received * 1'000'000 / bounds_.min_body_rate));
    else
      lowest.expires_after(c.idle);
    auto [bec, bn] = co_await beast_http::async_read_some(stream, buffer, parser, kTuple);
    ec = bec;
    received += bn;
  }
  co_return ec;
}

template <class Stream>
asio::awaitable<void> Server::Exchange(Stream& stream, beast::flat_buffer& buffer,
                                       const Connection& c) {
  auto& lowest = beast::get_lowest_layer(stream);
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
    auto [ec, hn] = co_await beast_http::async_read_header(stream, buffer, parser, kTuple);
    (void)hn;
    if (!ec && !parser.is_done()) {
      // The header is fine and the declared body within the limit (a larger
      // one failed above with 413): ask for the body.
      if (Expects100Continue(parser.get()) &&
          !co_await SendContinue(stream, parser.get().version()))
        break;
      ec = co_await ReadBody(stream, buffer, parser, c);
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
    Stamp(req, c);
    Response res;
    std::shared_ptr<ResponseStream> streamed;
    if (auto early = EarlyAnswer(req, c)) {
      res = std::move(*early);
    } else {
      ++in_flight_;
      try {
        Routed routed = co_await router_.Serve(req);
        res = std::move(routed.response);
        streamed = std::move(routed.stream);
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
    SetCommonHeaders(res, c.transport);
    if (streamed && req.method() == beast_http::verb::head) streamed.reset();
    if (streamed) {
      // Not counted in flight: a stream lasts as long as its viewer, and
      // the drain ends it (its connection closes once it has lingered).
      co_await WriteStream(stream, res, *streamed, c.idle, draining_);
      break;
    }
    res.prepare_payload();
    if (req.method() == beast_http::verb::head) StripBodyForHead(res);
    bool keep = res.keep_alive();
    boost::system::error_code wec;
    if (Flattens(res)) {
      std::string flat = FlatResponse(res);
      auto [fec, fn] = co_await asio::async_write(stream, asio::buffer(flat), kTuple);
      (void)fn;
      wec = fec;
    } else {
      auto [bec, bn] = co_await beast_http::async_write(stream, res, kTuple);
      (void)bn;
      wec = bec;
    }
    if (wec || !keep) break;
  }
  co_await CloseSend(stream);
}

template asio::awaitable<void> Server::Exchange(PlainStream&, beast::flat_buffer&,
                                                const Connection&);
template asio::awaitable<void> Server::Exchange(TlsStream&, beast::flat_buffer&, const Connection&);

}  // namespace warroom::http
