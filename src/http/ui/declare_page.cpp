// GET /declare: a new incident. The severity chooser shows each level of
// the policy in force (its definition, examples, impact and response
// requirements); the classifier suggests one from the share of customers
// affected and the impact flags, with its reasons (POST
// /api/v1/policy/classify); the form declares through POST
// /api/v1/incidents and goes to the new incident's page.
#include <boost/asio/awaitable.hpp>

#include "http/ui/page.hpp"
#include "http/ui/policy_data.hpp"
#include "http/ui/ui_routes.hpp"

namespace warroom::http::ui {

void AddDeclarePage(Router& r, const ApiServices& s) {
  r.Add(beast_http::verb::get, "/declare", Scope::kPage,
        [s](const engine::Caller& c, const Request& req,
            const Params&) -> boost::asio::awaitable<Response> {
          PageContext ctx{"Declare an incident", "declare", &c, CsrfOf(req)};
          if (!c.CanRespond())
            co_return ErrorPage(Error::PermissionDenied(
                                    "declaring needs a responder or an admin; you are a viewer"),
                                ctx, req);
          co_return RenderPage("declare", PolicyData(s.incidents->policy(), "P2"), ctx, req);
        });
}

}  // namespace warroom::http::ui
