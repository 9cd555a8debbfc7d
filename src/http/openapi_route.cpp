#include "http/openapi_route.hpp"

#include <boost/beast/http.hpp>

namespace warroom::http {

// Defined in the source generated from docs/openapi.json.
extern const std::string_view kOpenApiDocumentBytes;
extern const std::string_view kOpenApiDocumentEtag;

std::string_view OpenApiDocument() { return kOpenApiDocumentBytes; }
std::string_view OpenApiEtag() { return kOpenApiDocumentEtag; }

namespace {

namespace asio = boost::asio;
using beast_http::field;
using beast_http::status;

// Whether an If-None-Match header names `etag` (a list, weak tags compare
// equal by RFC 9110 13.1.2's weak comparison, or "*").
bool NamesEtag(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view one = header.substr(0, comma);
    while (!one.empty() && (one.front() == ' ' || one.front() == '\t')) one.remove_prefix(1);
    while (!one.empty() && (one.back() == ' ' || one.back() == '\t')) one.remove_suffix(1);
    if (one.starts_with("W/")) one.remove_prefix(2);
    if (one == "*" || one == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

void AddOpenApiRoute(Router& r) {
  r.Add(beast_http::verb::get, std::string(kOpenApiPath), Scope::kPublic,
        [](const engine::Caller&, const Request& req, const Params&) -> asio::awaitable<Response> {
          // It changes only with the binary: keep it, but ask again (cheaply,
          // with If-None-Match) so an upgrade is seen at once.
          const bool fresh = NamesEtag(req[field::if_none_match], OpenApiEtag());
          Response res{fresh ? status::not_modified : status::ok, req.version()};
          res.set(field::etag, OpenApiEtag());
          res.set(field::cache_control, "public, no-cache");
          if (!fresh) {
            res.set(field::content_type, "application/json");
            res.body() = std::string(OpenApiDocument());
          }
          co_return res;
        });
}

}  // namespace warroom::http
