// The alerts the integrations brought, and their triage.
#include "http/alert_routes.hpp"

#include <boost/json.hpp>

#include "api/event_json.hpp"
#include "api/fields.hpp"
#include "base/text.hpp"
#include "http/request_bodies.hpp"
#include "http/route_support.hpp"

namespace warroom::http {

namespace asio = boost::asio;
namespace json = boost::json;
using beast_http::status;
using beast_http::verb;

namespace {

Result<store::AlertFilter> AlertFilterOf(const Request& req) {
  store::AlertFilter f;
  for (const auto& [k, v] : QueryParams(req.target())) {
    if (k == "status") {
      if (v != "firing" && v != "resolved" && v != "acknowledged")
        return Error::InvalidArgument("'status' must be firing, resolved or acknowledged");
      f.status = v;
    } else if (k == "integration") {
      f.integration = v;
    } else if (k == "incident") {
      f.incident_id = v;
    } else if (k == "disposition") {
      if (v != "triage" && v != "incident" && v != "dismissed" && v != "recorded")
        return Error::InvalidArgument(
            "'disposition' must be triage, incident, dismissed or recorded");
      f.disposition = v;
    } else if (k == "limit") {
      WARROOM_ASSIGN_OR_RETURN(f.limit, Limit(v));
    } else {
      return Error::InvalidArgument("unknown filter '" + Shown(k) +
                                    "': use status, integration, incident, disposition, limit");
    }
  }
  return f;
}

json::object AlertJson(const store::AlertRecord& a) {
  auto object = [](const std::string& text) -> json::value {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    return ec || !v.is_object() ? json::value(json::object()) : v;
  };
  auto text_or_null = [](const std::string& t) {
    return t.empty() ? json::value(nullptr) : json::value(t);
  };
  return json::object{{"id", a.id},
                      {"integration", a.integration},
                      {"key", a.alert_key},
                      {"status", a.status},
                      {"summary", a.summary},
                      {"group_key", a.group_key},
                      {"labels", object(a.labels)},
                      {"annotations", object(a.annotations)},
                      {"source_url", a.source_url},
                      {"starts_at", FormatTime(a.starts_at)},
                      {"ends_at", api::TimeOrNull(a.ends_at)},
                      {"first_seen", FormatTime(a.first_seen)},
                      {"last_seen", FormatTime(a.last_seen)},
                      {"count", a.fire_count},
                      {"incident_id", text_or_null(a.incident_id)},
                      {"disposition", a.disposition},
                      {"route", text_or_null(a.route)},
                      {"triaged_by", text_or_null(a.triaged_by)},
                      {"triaged_at", api::TimeOrNull(a.triaged_at)},
                      {"triage_note", a.triage_note}};
}

}  // namespace

void AddAlertRoutes(Router& r, const ApiServices& s) {
  r.Add(verb::get, "/api/v1/alerts", Scope::kRead,
        [s](engine::Caller c, const Request& req, const Params&) -> asio::awaitable<Response> {
          auto filter = AlertFilterOf(req);
          if (!filter.ok()) co_return Problem(filter.error(), req.version());
          store::AlertFilter f = *filter;
          auto start19 = [s, c, f](auto done) { s.ingest->ListAlerts(c, f, std::move(done)); };
          auto rows = co_await Await<std::vector<store::AlertRecord>>(start19);
          if (!rows.ok()) co_return Problem(rows.error(), req.version());
          json::array items;
          for (const auto& a : *rows) items.push_back(AlertJson(a));
          co_return Json(status::ok, json::object{{"items", std::move(items)}}, req.version());
        });
  r.Add(verb::get, "/api/v1/alerts/{id}", Scope::kRead,
        [s](engine::Caller c, const Request& req, const Params& p) -> asio::awaitable<Response> {
          auto id = PositiveId(p.at("id"), "an alert id");
          if (!id.ok()) co_return Problem(id.error(), req.version());
          auto start = [s, c, id = *id](auto done) { s.ingest->GetAlert(c, id, std::move(done)); };
          auto a = co_await Await<store::AlertRecord>(start);
          if (!a.ok()) co_return Problem(a.error(), req.version());
          co_return Json(status::ok, AlertJson(*a), req.version());
        });
  // Triage: declare an incident from waiting alerts, or dismiss them.
  r.Add(verb::post, "/api/v1/alerts/declare", Scope::kRespond,
        [s](engine::Caller c, const Request& req, const Params&) -> asio::awaitable<Response> {
          auto body = ParseBody(req, false);
          if (!body.ok()) co_return Problem(body.error(), req.version());
          auto d = TriageDeclarationOf(*body);
          if (!d.ok()) co_return Problem(d.error(), req.version());
          auto start = [s, c, d = *d](auto done) {
            s.ingest->DeclareFromTriage(c, d, std::move(done));
          };
          auto id = co_await Await<std::string>(start);
          if (!id.ok()) co_return Problem(id.error(), req.version());
          co_return Json(status::created,
                         json::object{{"incident_id", *id}, {"alert_ids", body->at("alert_ids")}},
                         req.version());
        });
  r.Add(verb::post, "/api/v1/alerts/attach", Scope::kRespond,
        [s](engine::Caller c, const Request& req, const Params&) -> asio::awaitable<Response> {
          auto body = ParseBody(req, false);
          if (!body.ok()) co_return Problem(body.error(), req.version());
          auto a = TriageAttachOf(*body);
          if (!a.ok()) co_return Problem(a.error(), req.version());
          std::string incident = a->incident_id;
          auto start = [s, c, ids = a->alert_ids, id = a->incident_id](auto done) {
            s.ingest->AttachFromTriage(c, ids, id, std::move(done));
          };
          auto r2 = co_await Await<Ok>(start);
          if (!r2.ok()) co_return Problem(r2.error(), req.version());
          co_return Json(
              status::ok,
              json::object{{"incident_id", incident}, {"alert_ids", body->at("alert_ids")}},
              req.version());
        });
  r.Add(verb::post, "/api/v1/alerts/dismiss", Scope::kRespond,
        [s](engine::Caller c, const Request& req, const Params&) -> asio::awaitable<Response> {
          auto body = ParseBody(req, false);
          if (!body.ok()) co_return Problem(body.error(), req.version());
          auto dismissal = TriageDismissalOf(*body);
          if (!dismissal.ok()) co_return Problem(dismissal.error(), req.version());
          auto start = [s, c, ids = dismissal->alert_ids, reason = dismissal->reason](auto done) {
            s.ingest->DismissFromTriage(c, ids, reason, std::move(done));
          };
          auto r2 = co_await Await<Ok>(start);
          if (!r2.ok()) co_return Problem(r2.error(), req.version());
          co_return Json(status::ok, json::object{{"dismissed", body->at("alert_ids")}},
                         req.version());
        });
}

}  // namespace warroom::http
