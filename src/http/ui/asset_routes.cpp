// GET /assets/{name}: the styles and scripts of web/assets, public (the
// sign-in page needs them before anyone is signed in) and cached for a year
// under their versioned URL (page.cpp adds ?v=ETAG, new with every build).
#include <algorithm>
#include <boost/asio/awaitable.hpp>

#include "http/problem.hpp"
#include "http/ui/ui_routes.hpp"
#include "http/ui/web_files.hpp"

namespace warroom::http::ui {

void AddAssetRoutes(Router& r, std::vector<std::string> only) {
  r.Add(beast_http::verb::get, "/assets/{name}", Scope::kPublic,
        [only = std::move(only)](const engine::Caller&, const Request& req,
                                 const Params& params) -> boost::asio::awaitable<Response> {
          const WebFile* f = FindWebFile("assets/" + params.at("name"));
          if (!f || (!only.empty() && std::ranges::find(only, params.at("name")) == only.end()))
            co_return Problem(Error::NotFound("no such asset '" + params.at("name") + "'"),
                              req.version());
          if (req[beast_http::field::if_none_match] == f->etag) {
            Response res{beast_http::status::not_modified, req.version()};
            res.set(beast_http::field::etag, f->etag);
            co_return res;
          }
          Response res{beast_http::status::ok, req.version()};
          res.set(beast_http::field::content_type, ContentTypeOf(f->path));
          res.set(beast_http::field::etag, f->etag);
          res.set(beast_http::field::cache_control, "public, max-age=31536000, immutable");
          res.body() = std::string(f->bytes);
          co_return res;
        });
}

}  // namespace warroom::http::ui
