// GET /triage: the alerts no route placed, waiting for a person: declare
// an incident from some, attach them to an open incident, or dismiss them
// (POST /api/v1/alerts/declare|attach|dismiss, as `warroom alerts` does).
#include <boost/asio/awaitable.hpp>

#include "core/alerts/disposition.hpp"
#include "http/alert_routes.hpp"
#include "http/await.hpp"
#include "http/ui/page.hpp"
#include "http/ui/policy_data.hpp"
#include "http/ui/ui_routes.hpp"

namespace warroom::http::ui {

namespace json = boost::json;

void AddTriagePage(Router& r, const ApiServices& s) {
  r.Add(beast_http::verb::get, "/triage", Scope::kPage,
        [s](const engine::Caller& c, const Request& req,
            const Params&) -> boost::asio::awaitable<Response> {
          PageContext ctx{"Triage", "triage", &c, CsrfOf(req)};
          store::AlertFilter f;
          f.disposition = core::Disposition::kTriage;
          f.limit = 1000;
          auto alerts = co_await Await<std::vector<store::AlertRecord>>(
              [&](auto done) { s.ingest->ListAlerts(c, f, std::move(done)); });
          if (!alerts.ok()) co_return ErrorPage(alerts.error(), ctx, req);
          auto open = co_await Await<std::vector<engine::IncidentView>>(
              [&](auto done) { s.incidents->OpenIncidents(c, 1000, std::move(done)); });
          if (!open.ok()) co_return ErrorPage(open.error(), ctx, req);
          json::array items;
          for (const auto& a : *alerts) {
            json::object o = AlertJson(a);
            o["source_url"] = SafeHref(a.source_url);
            items.push_back(std::move(o));
          }
          json::array incidents;
          for (const auto& v : *open)
            incidents.push_back(json::object{{"id", v.state.id},
                                             {"severity", core::SeverityName(v.state.severity)},
                                             {"summary", v.state.summary}});
          json::object data{
              {"alerts", std::move(items)},
              {"count", alerts->size()},
              {"incidents", std::move(incidents)},
              {"severities", PolicyData(s.incidents->policy(), "P2").at("severities")}};
          co_return RenderPage("triage", std::move(data), ctx, req);
        });
}

}  // namespace warroom::http::ui
