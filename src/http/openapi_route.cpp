#include "http/openapi_route.hpp"

#include <boost/beast/http.hpp>

#include "http/etag.hpp"

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
