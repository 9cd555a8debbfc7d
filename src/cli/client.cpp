#include "cli/client.hpp"

#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <charconv>
#include <chrono>
#include <thread>

namespace warroom::cli {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;

int ExitCodeFor(const Error& e) {
  switch (e.code) {
    case ErrorCode::kNotFound:
      return exit_code::kNotFound;
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kConflict:
    case ErrorCode::kPayloadTooLarge:
    case ErrorCode::kUnsupportedMediaType:
      return exit_code::kRefused;
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kPermissionDenied:
      return exit_code::kAuth;
    case ErrorCode::kUnavailable:
    case ErrorCode::kResourceExhausted:
    case ErrorCode::kTooManyRequests:
      return exit_code::kUnavailable;
    case ErrorCode::kInternal:
      return exit_code::kFailure;
  }
  return exit_code::kFailure;
}

namespace {

ErrorCode CodeForStatus(unsigned s, const json::value& body) {
  if (body.is_object()) {
    if (auto* c = body.as_object().if_contains("code"); c && c->is_string()) {
      std::string_view name = c->as_string();
      for (ErrorCode code :
           {ErrorCode::kInvalidArgument, ErrorCode::kNotFound, ErrorCode::kAlreadyExists,
            ErrorCode::kFailedPrecondition, ErrorCode::kConflict, ErrorCode::kUnauthenticated,
            ErrorCode::kPermissionDenied, ErrorCode::kPayloadTooLarge,
            ErrorCode::kUnsupportedMediaType, ErrorCode::kResourceExhausted,
            ErrorCode::kTooManyRequests, ErrorCode::kUnavailable, ErrorCode::kInternal})
        if (ErrorCodeName(code) == name) return code;
    }
  }
  if (s == 401) return ErrorCode::kUnauthenticated;
  if (s == 403) return ErrorCode::kPermissionDenied;
  if (s == 404) return ErrorCode::kNotFound;
  if (s == 409) return ErrorCode::kFailedPrecondition;
  if (s == 503) return ErrorCode::kUnavailable;
  if (s >= 400 && s < 500) return ErrorCode::kInvalidArgument;
  return ErrorCode::kInternal;
}

// One request and its answer over a connected stream, plain or TLS;
// `sent` once the request may have reached the server.
template <class Stream>
http::response<http::string_body> RoundTrip(Stream& stream, http::request<http::string_body>& req,
                                            bool& sent) {
  sent = true;
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  http::read(stream, buffer, parser);
  return parser.release();
}

// A client context: TLS 1.2 at least, the peer verified against `cacert`
// or the system's trust store.
Result<std::unique_ptr<asio::ssl::context>> ClientContext(const std::string& cacert) {
  auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
  ctx->set_verify_mode(asio::ssl::verify_peer);
  boost::system::error_code ec;
  if (cacert.empty()) {
    ctx->set_default_verify_paths(ec);
    if (ec)
      return Error::Unavailable("cannot load the system's trust store: " + ec.message() +
                                " (pass --cacert FILE or set WARROOM_CACERT)");
  } else {
    ctx->load_verify_file(cacert, ec);
    if (ec)
      return Error::InvalidArgument("--cacert / WARROOM_CACERT " + cacert +
                                    ": cannot load CA certificates from it: " + ec.message() +
                                    " (it must be a readable PEM file of certificates)");
  }
  return ctx;
}

// The request as the server expects it: JSON both ways, the token as a
// bearer credential (none when empty).
Request MakeRequest(std::string_view method, const std::string& target, const std::string& host,
                    const std::string& token, const json::object* body) {
  Request req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, host);
  req.set(http::field::user_agent, "warroom-cli");
  req.set(http::field::accept, "application/json");
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  if (body) {
    req.set(http::field::content_type, "application/json");
    req.body() = json::serialize(*body);
  }
  req.prepare_payload();
  return req;
}

// Over plain TCP. Throws what the socket throws (Call turns it into
// "cannot reach").
Response PlainRoundTrip(asio::io_context& ioc,
                        const asio::ip::tcp::resolver::results_type& endpoints, Request& req,
                        bool& sent) {
  beast::tcp_stream stream(ioc);
  stream.connect(endpoints);
  Response res = RoundTrip(stream, req, sent);
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  return res;
}

// Asks `ssl` to check that the certificate names `name`: its IP address,
// or its DNS name (also sent as SNI); and to speak HTTP/1.1.
void ExpectPeer(SSL* ssl, const std::string& name) {
  boost::system::error_code aec;
  asio::ip::make_address(name, aec);
  if (!aec) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name.c_str());
  } else {
    SSL_set_tlsext_host_name(ssl, name.c_str());
    SSL_set1_host(ssl, name.c_str());
  }
  SSL_set_alpn_protos(ssl, reinterpret_cast<const unsigned char*>("\x08http/1.1"), 9);
}

// The answer to a failed handshake with `server`: the certificate's fault
// when it did not verify (against `cacert`, or the system's store), else the
// handshake's.
Error HandshakeError(SSL* ssl, const boost::system::error_code& hec, const std::string& server,
                     const std::string& cacert) {
  long verify = SSL_get_verify_result(ssl);
  if (verify != X509_V_OK)
    return Error::Unavailable(
        "cannot verify the TLS certificate of " + server + ": " +
        X509_verify_cert_error_string(verify) +
        (cacert.empty() ? " (a private CA's server: pass --cacert FILE or set WARROOM_CACERT)"
                        : " (checked against " + cacert + ")"));
  return Error::Unavailable("cannot reach the warroom server at " + server +
                            ": the TLS handshake failed: " + hec.message() +
                            " (is it serving HTTPS on that port?)");
}

// Over TLS, the certificate checked to name `host_address`; a failed
// handshake is an error (HandshakeError), other socket failures throw.
Result<Response> TlsRoundTrip(asio::io_context& ioc, asio::ssl::context& tls,
                              const asio::ip::tcp::resolver::results_type& endpoints, Request& req,
                              const std::string& host_address, const std::string& server,
                              const std::string& cacert, bool& sent) {
  beast::ssl_stream<beast::tcp_stream> stream(ioc, tls);
  SSL* ssl = stream.native_handle();
  ExpectPeer(ssl, host_address);
  beast::get_lowest_layer(stream).connect(endpoints);
  boost::system::error_code hec;
  stream.handshake(asio::ssl::stream_base::client, hec);
  if (hec) return HandshakeError(ssl, hec, server, cacert);
  Response res = RoundTrip(stream, req, sent);
  // The close_notify is not waited for: the answer is complete.
  beast::error_code ignored;
  beast::get_lowest_layer(stream).socket().close(ignored);
  return res;
}

// A 2xx answer's JSON; any other status is an error with the problem's
// detail (or the body) and the code its status maps to.
Result<json::value> Answer(const Response& res) {
  boost::system::error_code ec;
  json::value v = json::parse(res.body(), ec);
  unsigned s = res.result_int();
  if (s >= 200 && s < 300) {
    if (ec) return Error::Internal("the server answered with something that is not JSON");
    return v;
  }
  std::string detail = res.body();
  if (!ec && v.is_object()) {
    if (auto* d = v.as_object().if_contains("detail"); d && d->is_string()) detail = d->as_string();
  }
  return Error{CodeForStatus(s, ec ? json::value() : v), detail};
}

}  // namespace

namespace {

// How long a request is retried when the server (or the load balancer in
// front of it) answers 502, 503 or 504, or the connection breaks after the
// request was sent: long enough for another instance to take over or a
// PostgreSQL fail-over, short enough for a person at a terminal.
constexpr auto kRetryBudget = std::chrono::seconds(15);

// A fresh Idempotency-Key: 128 random bits as hex. One per command, sent
// again on every retry of it, so a retry applies the change once.
std::string NewIdempotencyKey() {
  unsigned char raw[16];
  if (RAND_bytes(raw, sizeof raw) != 1) return "";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

bool Retryable(unsigned status) { return status == 502 || status == 503 || status == 504; }

// How long to wait before the next attempt: the answer's Retry-After
// (whole seconds) when it has one, else `backoff`; never past `deadline`.
std::chrono::milliseconds WaitBefore(const Response* res, std::chrono::milliseconds backoff,
                                     std::chrono::steady_clock::time_point deadline) {
  std::chrono::milliseconds wait = backoff;
  if (res) {
    auto after = (*res)[http::field::retry_after];
    int seconds = 0;
    auto [p, ec] = std::from_chars(after.data(), after.data() + after.size(), seconds);
    if (ec == std::errc() && p == after.data() + after.size() && seconds >= 0)
      wait = std::chrono::seconds(std::min(seconds, 5));
  }
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return std::max(std::chrono::milliseconds(0), std::min(wait, left));
}

}  // namespace

Result<Response> Client::Attempt(const Request& prepared, bool& sent) const {
  auto url = boost::urls::parse_uri(server_);
  const bool secure = url->scheme() == "https";
  std::string host = url->host();
  std::string port = url->has_port() ? std::string(url->port()) : secure ? "443" : "80";
  std::unique_ptr<asio::ssl::context> tls;
  if (secure) {
    auto ctx = ClientContext(cacert_);
    if (!ctx.ok()) return ctx.error();
    tls = std::move(*ctx);
  }
  Request req = prepared;
  sent = false;
  try {
    asio::io_context ioc;
    asio::ip::tcp::resolver resolver(ioc);
    auto endpoints = resolver.resolve(host, port);
    if (!tls) return PlainRoundTrip(ioc, endpoints, req, sent);
    return TlsRoundTrip(ioc, *tls, endpoints, req, url->host_address(), server_, cacert_, sent);
  } catch (const boost::system::system_error& ex) {
    return Error::Unavailable("cannot reach the warroom server at " + server_ + ": " +
                              ex.code().message() +
                              " (start it with `make run`, or set --server / WARROOM_SERVER)");
  } catch (const std::exception& ex) {
    return Error::Unavailable("cannot reach the warroom server at " + server_ + ": " + ex.what() +
                              " (start it with `make run`, or set --server / WARROOM_SERVER)");
  }
}

Result<json::value> Client::Call(std::string_view method, const std::string& path,
                                 const json::object* body) const {
  WARROOM_ASSIGN_OR_RETURN(Response res, Send(method, path, body));
  return Answer(res);
}

Result<std::string> Client::Fetch(const std::string& path) const {
  WARROOM_ASSIGN_OR_RETURN(Response res, Send("GET", path, nullptr));
  if (res.result_int() / 100 != 2) return Answer(res).error();
  return std::move(res.body());
}

Result<Response> Client::Send(std::string_view method, const std::string& path,
                              const json::object* body) const {
  auto url = boost::urls::parse_uri(server_);
  if (!url || (url->scheme() != "http" && url->scheme() != "https"))
    return Error::InvalidArgument(
        "--server '" + server_ +
        "' must be an http:// or https:// URL such as http://127.0.0.1:8080");
  std::string base = url->path();
  while (!base.empty() && base.back() == '/') base.pop_back();
  Request req = MakeRequest(method, base + path, url->host(), token_, body);
  const bool reads = method == "GET" || method == "HEAD";
  if (!reads)
    req.set("Idempotency-Key", idempotency_key_.empty() ? NewIdempotencyKey() : idempotency_key_);
  const auto deadline = std::chrono::steady_clock::now() + kRetryBudget;
  std::chrono::milliseconds backoff(250);
  for (int attempt = 1;; ++attempt) {
    bool sent = false;
    Result<Response> res = Attempt(req, sent);
    // A connection refused or a certificate that does not verify is
    // answered at once: retrying would not change it. A request that was
    // sent and then lost its connection, or a 502/503/504, is retried; the
    // key makes the retry apply once.
    bool retry = res.ok() ? Retryable(res->result_int()) : sent;
    if (!retry || std::chrono::steady_clock::now() >= deadline) return res;
    auto wait = WaitBefore(res.ok() ? &*res : nullptr, backoff, deadline);
    if (retry_notice_)
      retry_notice_(attempt,
                    res.ok() ? "the server answered " + std::to_string(res->result_int())
                             : res.error().message,
                    wait);
    std::this_thread::sleep_for(wait);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
  }
}

}  // namespace warroom::cli
