#include "http/read_failure.hpp"

#include "http/problem.hpp"
#include "http/proxy_protocol.hpp"
#include "http/server_limits.hpp"

namespace warroom::http {

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

}  // namespace warroom::http
