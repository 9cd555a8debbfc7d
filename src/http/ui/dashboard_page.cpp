// GET /: the open incidents (severity, status, age, roles, a countdown for
// every clock that still matters, breached ones first), the alerts waiting
// in triage, the caller's open tasks and the active code freezes. The
// page's regions marked data-live are fetched again when the event stream
// says something changed.
#include <boost/asio/awaitable.hpp>

#include "core/alerts/disposition.hpp"
#include "http/alert_routes.hpp"
#include "http/await.hpp"
#include "http/freeze_routes.hpp"
#include "http/ui/incident_data.hpp"
#include "http/ui/page.hpp"
#include "http/ui/ui_routes.hpp"

namespace warroom::http::ui {

namespace json = boost::json;

namespace {

// More than any war room holds at once; the page says when there are more.
constexpr int kMaxIncidents = 1000;
constexpr int kTriageShown = 10;

}  // namespace

void AddDashboardPage(Router& r, const ApiServices& s) {
  r.Add(beast_http::verb::get, "/", Scope::kPage,
        [s](const engine::Caller& c, const Request& req,
            const Params&) -> boost::asio::awaitable<Response> {
          PageContext ctx{"Dashboard", "dashboard", &c, CsrfOf(req)};
          auto views = co_await Await<std::vector<engine::IncidentView>>(
              [&](auto done) { s.incidents->OpenIncidents(c, kMaxIncidents, std::move(done)); });
          if (!views.ok()) co_return ErrorPage(views.error(), ctx, req);
          store::AlertFilter triage;
          triage.disposition = core::Disposition::kTriage;
          triage.limit = 1000;
          auto alerts = co_await Await<std::vector<store::AlertRecord>>(
              [&](auto done) { s.ingest->ListAlerts(c, triage, std::move(done)); });
          if (!alerts.ok()) co_return ErrorPage(alerts.error(), ctx, req);
          auto freezes = co_await Await<std::vector<engine::Freeze>>(
              [&](auto done) { s.incidents->Freezes(c, std::move(done)); });
          if (!freezes.ok()) co_return ErrorPage(freezes.error(), ctx, req);

          // Breached first, then by severity (P0 first), then the newest.
          std::stable_sort(views->begin(), views->end(), [](const auto& a, const auto& b) {
            auto breached = [](const engine::IncidentView& v) {
              for (const auto& k : v.clocks)
                if (k.status == core::ClockStatus::kBreached) return true;
              return false;
            };
            bool ba = breached(a), bb = breached(b);
            if (ba != bb) return ba;
            return a.state.severity < b.state.severity;
          });
          json::array incidents;
          for (const auto& v : *views) incidents.push_back(IncidentData(v, c));
          json::array shown;
          for (std::size_t i = 0; i < alerts->size() && i < kTriageShown; ++i)
            shown.push_back(AlertJson((*alerts)[i]));
          json::object data{{"incidents", std::move(incidents)},
                            {"incident_count", views->size()},
                            {"more_incidents", views->size() >= kMaxIncidents},
                            {"triage", std::move(shown)},
                            {"triage_count", alerts->size()},
                            {"tasks", MyOpenTasks(*views, c)},
                            {"freezes", FreezesJson(*freezes)}};
          co_return RenderPage("dashboard", std::move(data), ctx, req);
        });
}

}  // namespace warroom::http::ui
