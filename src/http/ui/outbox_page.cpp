// GET /outbox (admins): the messages that failed (dead letters, and those
// whose outcome is unknown) first, then the newest of the rest, each with
// its attempts and last error, and a retry for a failed one (POST
// /api/v1/outbox/{id}/retry, as `warroom outbox retry` does).
#include <boost/asio/awaitable.hpp>

#include "http/await.hpp"
#include "http/outbox_routes.hpp"
#include "http/ui/page.hpp"
#include "http/ui/ui_routes.hpp"

namespace warroom::http::ui {

namespace json = boost::json;

namespace {

boost::asio::awaitable<Result<json::array>> Messages(const ApiServices& s, const engine::Caller& c,
                                                     store::OutboxFilter f) {
  auto rows = co_await Await<std::vector<store::OutboxMessage>>(
      [&](auto done) { s.dispatcher->List(c, f, std::move(done)); });
  if (!rows.ok()) co_return rows.error();
  json::array out;
  for (const auto& m : *rows) {
    json::object o = OutboxJson(m);
    o["failed"] = m.state == store::OutboxState::kDead || m.state == store::OutboxState::kUnknown;
    out.push_back(std::move(o));
  }
  co_return out;
}

}  // namespace

void AddOutboxPage(Router& r, const ApiServices& s) {
  r.Add(beast_http::verb::get, "/outbox", Scope::kPage,
        [s](const engine::Caller& c, const Request& req,
            const Params&) -> boost::asio::awaitable<Response> {
          PageContext ctx{"Outbox", "outbox", &c, CsrfOf(req)};
          if (!c.IsAdmin())
            co_return ErrorPage(Error::PermissionDenied("the outbox is for admins"), ctx, req);
          store::OutboxFilter failed;
          failed.states = {store::OutboxState::kDead, store::OutboxState::kUnknown};
          failed.limit = 200;
          auto f = co_await Messages(s, c, failed);
          if (!f.ok()) co_return ErrorPage(f.error(), ctx, req);
          store::OutboxFilter recent;
          recent.states = {store::OutboxState::kPending, store::OutboxState::kDelivered};
          recent.limit = 50;
          auto rest = co_await Messages(s, c, recent);
          if (!rest.ok()) co_return ErrorPage(rest.error(), ctx, req);
          json::object data{{"failed", std::move(*f)}, {"recent", std::move(*rest)}};
          data["failed_count"] = data["failed"].as_array().size();
          co_return RenderPage("outbox", std::move(data), ctx, req);
        });
}

}  // namespace warroom::http::ui
