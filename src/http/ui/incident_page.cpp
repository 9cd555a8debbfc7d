// GET /incidents/{id}: the incident as the war room works it. Its state,
// clocks and metrics as the API answers them, the timeline with a sentence
// per event (filtered in the browser by category), roles and responders,
// tasks, links, impact, the freeze, its alerts, and a form per command.
// Each form posts to the incident's API route, so the page refuses and
// explains exactly what the CLI does. An incident the caller may not see
// is answered as an unknown one (404), as the API answers it.
#include <boost/asio/awaitable.hpp>

#include "core/severity/severity.hpp"
#include "http/alert_routes.hpp"
#include "http/await.hpp"
#include "http/ui/incident_data.hpp"
#include "http/ui/page.hpp"
#include "http/ui/timeline_data.hpp"
#include "http/ui/ui_routes.hpp"

namespace warroom::http::ui {

namespace json = boost::json;

namespace {

json::array Options(const std::vector<std::string>& names, std::string_view current = "") {
  json::array out;
  for (const auto& n : names) out.push_back(json::object{{"value", n}, {"selected", n == current}});
  return out;
}

json::array SeverityOptions(const core::Policy& p, core::Severity current) {
  json::array out;
  for (const core::SeverityLevel& l : p.levels)
    out.push_back(
        json::object{{"value", core::SeverityName(l.severity)},
                     {"label", std::string(core::SeverityName(l.severity)) + " " +
                                   std::string(core::SeverityAlias(l.severity)) + " " + l.name},
                     {"selected", l.severity == current}});
  return out;
}

}  // namespace

void AddIncidentPage(Router& r, const ApiServices& s) {
  r.Add(beast_http::verb::get, "/incidents/{id}", Scope::kPage,
        [s](const engine::Caller& c, const Request& req,
            const Params& params) -> boost::asio::awaitable<Response> {
          const std::string& id = params.at("id");
          PageContext ctx{id, "", &c, CsrfOf(req)};
          auto view = co_await Await<engine::IncidentView>(
              [&](auto done) { s.incidents->GetWithTimeline(c, id, std::move(done)); });
          if (!view.ok()) co_return ErrorPage(view.error(), ctx, req);
          store::AlertFilter f;
          f.incident_id = id;
          f.limit = 200;
          auto alerts = co_await Await<std::vector<store::AlertRecord>>(
              [&](auto done) { s.ingest->ListAlerts(c, f, std::move(done)); });
          if (!alerts.ok()) co_return ErrorPage(alerts.error(), ctx, req);

          json::object data = IncidentData(*view, c);
          json::array timeline;
          for (const core::Event& e : view->events) timeline.push_back(TimelineEntry(e));
          data["timeline"] = std::move(timeline);
          json::array alert_list;
          for (const auto& a : *alerts) alert_list.push_back(AlertJson(a));
          data["alerts"] = std::move(alert_list);
          const core::Policy& policy = s.incidents->policy();
          data["severity_options"] = SeverityOptions(policy, view->state.severity);
          data["categories"] = Options(policy.root_cause_categories);
          data["templates"] =
              Options(s.templates ? s.templates->Names() : std::vector<std::string>{});
          json::array open_tasks;
          for (const auto& t : view->state.tasks)
            if (!t.done) open_tasks.push_back(json::object{{"id", t.id}, {"title", t.title}});
          data["open_tasks"] = std::move(open_tasks);
          // The incident's id where a section's own `id` hides it (a task's).
          data["incident_id"] = id;
          co_return RenderPage("incident", std::move(data), ctx, req);
        });
}

}  // namespace warroom::http::ui
