// GET /policy: the policy in force as the procedures show it: the severity
// table (definitions, examples, impact and what each level requires), the
// business hours, the roles and the root-cause categories.
#include <boost/asio/awaitable.hpp>

#include "http/ui/page.hpp"
#include "http/ui/policy_data.hpp"
#include "http/ui/ui_routes.hpp"

namespace warroom::http::ui {

void AddPolicyPage(Router& r, const ApiServices& s) {
  r.Add(beast_http::verb::get, "/policy", Scope::kPage,
        [s](const engine::Caller& c, const Request& req,
            const Params&) -> boost::asio::awaitable<Response> {
          PageContext ctx{"Policy", "policy", &c, CsrfOf(req)};
          co_return RenderPage("policy", PolicyData(s.incidents->policy()), ctx, req);
        });
}

}  // namespace warroom::http::ui
