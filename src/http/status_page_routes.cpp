#include "http/status_page_routes.hpp"

#include <boost/beast/http.hpp>
#include <functional>
#include <map>
#include <mutex>
#include <optional>

#include "engine/status_page_feed.hpp"
#include "http/etag.hpp"
#include "http/gzip.hpp"
#include "http/problem.hpp"
#include "http/status_page_site.hpp"

namespace warroom::http {

namespace {

namespace asio = boost::asio;
using beast_http::field;
using beast_http::status;

// A body and its gzip form, each with its own strong ETag (RFC 9110: a
// different representation, a different tag).
struct Body {
  std::string bytes;
  std::string etag;
  std::string gzip;  // empty when compressing does not pay
  std::string gzip_etag;
  static std::shared_ptr<const Body> Of(std::string bytes) {
    auto b = std::make_shared<Body>();
    b->etag = EtagOf(bytes);
    std::string gz = Gzip(bytes);
    if (!gz.empty() && gz.size() < bytes.size()) {
      b->gzip = std::move(gz);
      b->gzip_etag = b->etag.substr(0, b->etag.size() - 1) + "-gzip\"";
    }
    b->bytes = std::move(bytes);
    return b;
  }
};

// What each document reads for one build of the page, rendered once.
class Bodies {
 public:
  // Renders a body of `snap`; nullopt: there is none (an unknown slug).
  using Make = std::function<std::optional<std::string>(const engine::StatusPageFeed::Snapshot&)>;

  // The body at `path` for this build: made once, then served from memory.
  std::shared_ptr<const Body> For(const engine::StatusPageFeed::Snapshot& snap,
                                  const std::string& path, const Make& make) {
    std::lock_guard lock(mu_);
    if (version_ != snap.version) {
      bodies_.clear();
      version_ = snap.version;
    }
    auto [it, added] = bodies_.try_emplace(path);
    if (added) {
      if (auto bytes = make(snap)) it->second = Body::Of(std::move(*bytes));
    }
    return it->second;  // null: none (kept, so an unknown slug is not rendered again)
  }

 private:
  std::mutex mu_;
  std::uint64_t version_ = 0;
  std::map<std::string, std::shared_ptr<const Body>> bodies_;
};

// One public answer from the page as last built: `make` renders the body
// (once per build), served with a strong ETag (304), a short public cache
// lifetime and CORS; 404 when there is no such body.
asio::awaitable<Response> Serve(const ApiServices& s, Bodies& bodies, const Request& req,
                                const std::string& path, std::string_view content_type,
                                const Bodies::Make& make) {
  engine::StatusPageFeed::SnapshotPtr snap = s.status_page ? s.status_page->Current() : nullptr;
  if (!snap)
    co_return Problem(Error::Unavailable("the status page is not built yet"), req.version());
  std::shared_ptr<const Body> body = bodies.For(*snap, path, make);
  if (!body)
    co_return Problem(Error::NotFound("nothing here (it may be older than the page's history)"),
                      req.version());
  const bool gzip = !body->gzip.empty() && AcceptsGzip(req[field::accept_encoding]);
  const std::string& etag = gzip ? body->gzip_etag : body->etag;
  const bool fresh = NamesEtag(req[field::if_none_match], etag);
  Response res{fresh ? status::not_modified : status::ok, req.version()};
  res.set(field::etag, etag);
  res.set(field::vary, "Accept-Encoding");
  // Seconds, not minutes: during an outage it changes often, and a CDN in
  // front still takes most of the load.
  res.set(field::cache_control, "public, max-age=5");
  res.set(field::access_control_allow_origin, "*");
  if (content_type.starts_with("text/html"))
    res.set("Content-Security-Policy",
            "default-src 'none'; style-src 'self'; img-src 'self' https: data:; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  if (!fresh) {
    res.set(field::content_type, content_type);
    if (gzip) res.set(field::content_encoding, "gzip");
    res.body() = gzip ? body->gzip : body->bytes;
  }
  co_return res;
}

}  // namespace

void AddStatusPageRoutes(Router& r, const ApiServices& s) {
  auto bodies = std::make_shared<Bodies>();
  for (const FixedDocument& d : FixedStatusPageDocuments()) {
    std::string path(d.path);
    r.Add(beast_http::verb::get, path, Scope::kPublic,
          [s, bodies, path, d](const engine::Caller&, const Request& req,
                               const Params&) -> asio::awaitable<Response> {
            co_return co_await Serve(
                s, *bodies, req, path, d.content_type, [s, d](const auto& snap) {
                  return std::optional<std::string>(d.render(s.status_page->settings(), snap.view));
                });
          });
  }
  // A page of one thing by its public name (404 for a name none has).
  for (const ItemPage& item : StatusPageItemPages()) {
    std::string prefix(item.prefix), param(item.param);
    r.Add(beast_http::verb::get, prefix + "{" + param + "}", Scope::kPublic,
          [s, bodies, prefix, param, item](const engine::Caller&, const Request& req,
                                           const Params& p) -> asio::awaitable<Response> {
            std::string name = p.at(param);
            co_return co_await Serve(
                s, *bodies, req, prefix + name, kHtml, [s, item, name](const auto& snap) {
                  return item.render(s.status_page->settings(), snap.view, name);
                });
          });
  }
}

}  // namespace warroom::http
