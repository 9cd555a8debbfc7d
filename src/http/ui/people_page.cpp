// GET /people (admins): every user with their contact details, permission
// and API tokens; forms to create a user (their first token shown once),
// change one, disable or enable them (their sessions and tokens stop at
// once, on every instance), reset a password, make a one-time sign-in link
// and revoke a token. Each is the API call `warroom user ...` makes.
#include <boost/asio/awaitable.hpp>
#include <map>

#include "http/await.hpp"
#include "http/ui/page.hpp"
#include "http/ui/ui_routes.hpp"
#include "http/user_routes.hpp"

namespace warroom::http::ui {

namespace json = boost::json;

void AddPeoplePage(Router& r, const ApiServices& s) {
  r.Add(beast_http::verb::get, "/people", Scope::kPage,
        [s](const engine::Caller& c, const Request& req,
            const Params&) -> boost::asio::awaitable<Response> {
          PageContext ctx{"People", "people", &c, CsrfOf(req)};
          if (!c.IsAdmin())
            co_return ErrorPage(Error::PermissionDenied("managing people is for admins"), ctx, req);
          auto users = co_await Await<std::vector<engine::UserView>>(
              [&](auto done) { s.users->ListUsers(c, std::move(done)); });
          if (!users.ok()) co_return ErrorPage(users.error(), ctx, req);
          auto tokens = co_await Await<std::vector<store::ApiToken>>(
              [&](auto done) { s.users->ListTokens(c, "", std::move(done)); });
          if (!tokens.ok()) co_return ErrorPage(tokens.error(), ctx, req);
          TimePoint now = s.clock->Now();
          std::map<std::string, json::array> by_user;
          for (const auto& t : *tokens) {
            json::object o = TokenJson(t, now);
            o["live"] = engine::TokenState(t, now) == std::string_view("active");
            by_user[t.handle].push_back(std::move(o));
          }
          json::array people;
          for (const auto& u : *users) {
            json::object o = UserJson(u);
            o["tokens"] = std::move(by_user[u.user.handle]);
            std::string_view permission = store::PermissionName(u.user.permission);
            for (std::string_view p : {"viewer", "responder", "admin"})
              o[std::string("is_") + std::string(p)] = permission == p;
            people.push_back(std::move(o));
          }
          json::object data{{"people", std::move(people)}, {"count", users->size()}};
          co_return RenderPage("people", std::move(data), ctx, req);
        });
}

}  // namespace warroom::http::ui
