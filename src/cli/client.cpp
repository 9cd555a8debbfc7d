#include "cli/client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

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
            ErrorCode::kUnavailable, ErrorCode::kInternal})
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

}  // namespace

Result<json::value> Client::Call(std::string_view method, const std::string& path,
                                 const json::object* body) const {
  auto url = boost::urls::parse_uri(server_);
  if (!url || url->scheme() != "http")
    return Error::InvalidArgument("--server '" + server_ +
                                  "' must be an http:// URL such as http://127.0.0.1:8080");
  std::string host = url->host();
  std::string port = url->has_port() ? std::string(url->port()) : "80";
  std::string base = url->path();
  while (!base.empty() && base.back() == '/') base.pop_back();
  try {
    asio::io_context ioc;
    asio::ip::tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(30));
    stream.connect(resolver.resolve(host, port));
    http::request<http::string_body> req{http::string_to_verb(method), base + path, 11};
    req.set(http::field::host, host);
    req.set(http::field::user_agent, "warroom-cli");
    req.set(http::field::accept, "application/json");
    if (!token_.empty()) req.set(http::field::authorization, "Bearer " + token_);
    if (body) {
      req.set(http::field::content_type, "application/json");
      req.body() = json::serialize(*body);
    }
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    http::read(stream, buffer, parser);
    auto res = parser.release();
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    boost::system::error_code ec;
    json::value v = json::parse(res.body(), ec);
    unsigned s = res.result_int();
    if (s >= 200 && s < 300) {
      if (ec) return Error::Internal("the server answered with something that is not JSON");
      return v;
    }
    std::string detail = res.body();
    if (!ec && v.is_object()) {
      if (auto* d = v.as_object().if_contains("detail"); d && d->is_string())
        detail = d->as_string();
    }
    return Error{CodeForStatus(s, ec ? json::value() : v), detail};
  } catch (const boost::system::system_error& ex) {
    return Error::Unavailable("cannot reach the warroom server at " + server_ + ": " +
                              ex.code().message() +
                              " (start it with `make run`, or set --server / WARROOM_SERVER)");
  } catch (const std::exception& ex) {
    return Error::Unavailable("cannot reach the warroom server at " + server_ + ": " + ex.what() +
                              " (start it with `make run`, or set --server / WARROOM_SERVER)");
  }
}

}  // namespace warroom::cli
