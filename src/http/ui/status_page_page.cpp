// GET /status-page (anyone signed in): the public status page as its
// publishers run it. Every component with its status and who set it, the
// scheduled maintenance with its updates, and (for publishers alone: the
// addresses are personal data) the subscribers. Publishers get the forms:
// set a component, schedule a maintenance and post its updates, add or
// remove a subscriber; each is the API call `warroom status-page ...` makes.
// Incidents reach the page from their own page's composer.
#include <boost/asio/awaitable.hpp>

#include "base/text.hpp"
#include "http/await.hpp"
#include "http/status_page_admin_routes.hpp"
#include "http/status_page_subscriber_routes.hpp"
#include "http/ui/page.hpp"
#include "http/ui/ui_routes.hpp"

namespace warroom::http::ui {

namespace json = boost::json;
namespace sp = core::status_page;

namespace {

// How many subscribers the page lists; the CLI and the API page through all.
constexpr int kListedSubscribers = 200;

constexpr sp::ComponentStatus kStatuses[] = {
    sp::ComponentStatus::kOperational,      sp::ComponentStatus::kDegradedPerformance,
    sp::ComponentStatus::kPartialOutage,    sp::ComponentStatus::kMajorOutage,
    sp::ComponentStatus::kUnderMaintenance,
};

// A component for the page: the API's shape, its status's label and the
// choices of its form (its own status chosen).
json::object ComponentRow(const engine::PublishedComponent& p) {
  json::object o = PublishedComponentJson(p);
  o["label"] = sp::ComponentStatusLabel(p.status);
  json::array choices;
  for (sp::ComponentStatus st : kStatuses)
    choices.push_back(json::object{{"value", sp::ComponentStatusName(st)},
                                   {"label", sp::ComponentStatusLabel(st)},
                                   {"selected", st == p.status}});
  o["choices"] = std::move(choices);
  return o;
}

// A maintenance for the page: the API's shape, and whether it still takes
// updates (a completed one does not).
json::object MaintenanceRow(const engine::PublishedMaintenance& m) {
  json::object o = MaintenanceJson(m);
  o["open"] = m.Status() != sp::MaintenanceStatus::kCompleted;
  o["components_text"] =
      m.maintenance.components.empty() ? "no component" : Join(m.maintenance.components);
  return o;
}

boost::asio::awaitable<Result<json::object>> Subscribers(const ApiServices& s,
                                                         const engine::Caller& c) {
  json::object out{{"offered", s.subscribers != nullptr}};
  if (!s.subscribers) co_return out;
  out["email"] = s.subscribers->Offers(store::SubscriberChannel::kEmail);
  out["webhook"] = s.subscribers->Offers(store::SubscriberChannel::kWebhook);
  store::SubscriberFilter f;
  f.limit = kListedSubscribers + 1;  // one more: whether there are more
  auto rows = co_await Await<std::vector<store::Subscriber>>(
      [&](auto done) { s.subscribers->List(c, f, std::move(done)); });
  if (!rows.ok()) co_return rows.error();
  json::array items;
  for (const auto& sub : *rows) {
    if (items.size() == static_cast<std::size_t>(kListedSubscribers)) break;
    json::object o = SubscriberJson(sub);
    o["confirmed"] = sub.state == store::SubscriberState::kConfirmed;
    o["components_text"] = sub.components.empty() ? "every component" : Join(sub.components);
    items.push_back(std::move(o));
  }
  out["more"] = rows->size() > static_cast<std::size_t>(kListedSubscribers);
  out["count"] = items.size();
  out["items"] = std::move(items);
  co_return out;
}

}  // namespace

void AddStatusPagePage(Router& r, const ApiServices& s) {
  r.Add(beast_http::verb::get, "/status-page", Scope::kPage,
        [s](const engine::Caller& c, const Request& req,
            const Params&) -> boost::asio::awaitable<Response> {
          PageContext ctx{"Status page", "status-page", &c, CsrfOf(req)};
          if (!s.status_page_admin)
            co_return ErrorPage(Error::Unavailable("this instance serves no status page"), ctx,
                                req);
          auto components = co_await Await<std::vector<engine::PublishedComponent>>(
              [&](auto done) { s.status_page_admin->ListComponents(c, std::move(done)); });
          if (!components.ok()) co_return ErrorPage(components.error(), ctx, req);
          auto maintenances = co_await Await<std::vector<engine::PublishedMaintenance>>(
              [&](auto done) { s.status_page_admin->ListMaintenances(c, std::move(done)); });
          if (!maintenances.ok()) co_return ErrorPage(maintenances.error(), ctx, req);

          json::array comps, maints;
          for (const auto& p : *components) comps.push_back(ComponentRow(p));
          for (const auto& m : *maintenances) maints.push_back(MaintenanceRow(m));
          json::object data{{"components", std::move(comps)},
                            {"maintenances", std::move(maints)},
                            {"can_publish", c.CanPublish()}};
          if (c.CanPublish()) {
            auto subs = co_await Subscribers(s, c);
            if (!subs.ok()) co_return ErrorPage(subs.error(), ctx, req);
            data["subscribers"] = std::move(*subs);
          }
          co_return RenderPage("status-page", std::move(data), ctx, req);
        });
}

}  // namespace warroom::http::ui
