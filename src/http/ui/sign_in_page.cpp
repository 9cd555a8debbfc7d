// GET /sign-in: the password form, or (with #link=SECRET in the URL, which
// never reaches the server or its logs) the one-time link's button.
// `next` is where the browser goes once signed in: a path on this site.
#include <boost/asio/awaitable.hpp>

#include "http/ui/page.hpp"
#include "http/ui/ui_routes.hpp"

namespace warroom::http::ui {

void AddSignInPage(Router& r) {
  r.Add(beast_http::verb::get, "/sign-in", Scope::kPublic,
        [](const engine::Caller&, const Request& req,
           const Params&) -> boost::asio::awaitable<Response> {
          Params q = QueryParams(req.target());
          boost::json::object data{{"next", LocalPath(q["next"])}};
          co_return RenderPage("sign-in", std::move(data), PageContext{"Sign in", "", nullptr, ""},
                               req);
        });
}

}  // namespace warroom::http::ui
