// The alerts the integrations brought, and their triage.
#include "http/alert_routes.hpp"

#include <boost/json.hpp>

#include "api/event_json.hpp"
#include "api/fields.hpp"
#include "base/text.hpp"
#include "engine/ingest_service.hpp"
#include "http/handler.hpp"
#include "http/request_bodies.hpp"

namespace warroom::http {

namespace json = boost::json;
using beast_http::status;
using beast_http::verb;

namespace {

Result<store::AlertFilter> AlertFilterOf(const Request& req) {
  store::AlertFilter f;
  for (const auto& [k, v] : QueryParams(req.target())) {
    if (k == "status") {
      f.status = core::ParseAlertStatus(v);
      if (!f.status)
        return Error::InvalidArgument("'status' must be firing, resolved or acknowledged");
    } else if (k == "integration") {
      f.integration = v;
    } else if (k == "incident") {
      f.incident_id = v;
    } else if (k == "disposition") {
      f.disposition = core::ParseDisposition(v);
      if (!f.disposition)
        return Error::InvalidArgument(
            "'disposition' must be triage, incident, dismissed or recorded");
    } else if (k == "limit") {
      WARROOM_ASSIGN_OR_RETURN(f.limit, Limit(v));
    } else {
      return Error::InvalidArgument("unknown filter '" + Shown(k) +
                                    "': use status, integration, incident, disposition, limit");
    }
  }
  return f;
}

// A triage request as read, with its alert ids as given (echoed back).
template <typename T>
struct Echoed {
  T request;
  json::value alert_ids;
};

template <typename T, typename Decode>
auto EchoingBody(Decode decode) {
  return JsonBody([decode](const json::object& body) -> Result<Echoed<T>> {
    WARROOM_ASSIGN_OR_RETURN(T request, decode(body));
    return Echoed<T>{std::move(request), body.at("alert_ids")};
  });
}

json::object AlertsJson(const std::vector<store::AlertRecord>& rows) {
  json::array items;
  for (const auto& a : rows) items.push_back(AlertJson(a));
  return json::object{{"items", std::move(items)}};
}

}  // namespace

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
                      {"status", core::AlertStatusName(a.status)},
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
                      {"disposition", core::DispositionName(a.disposition)},
                      {"route", text_or_null(a.route)},
                      {"triaged_by", text_or_null(a.triaged_by)},
                      {"triaged_at", api::TimeOrNull(a.triaged_at)},
                      {"triage_note", a.triage_note}};
}

void AddAlertRoutes(Router& r, const ApiServices& s) {
  using Declaration = engine::AlertRouter::Declaration;
  r.Add(verb::get, "/api/v1/alerts", Scope::kRead,
        Handle<std::vector<store::AlertRecord>>(
            [](const Request& req, const Params&) { return AlertFilterOf(req); },
            [s](const engine::Caller& c, const store::AlertFilter& f,
                Done<std::vector<store::AlertRecord>> done) {
              s.ingest->ListAlerts(c, f, std::move(done));
            },
            AlertsJson));
  r.Add(verb::get, "/api/v1/alerts/{id}", Scope::kRead,
        Handle<store::AlertRecord>(
            [](const Request&, const Params& p) { return PositiveId(p.at("id"), "an alert id"); },
            [s](const engine::Caller& c, std::int64_t id, Done<store::AlertRecord> done) {
              s.ingest->GetAlert(c, id, std::move(done));
            },
            AlertJson));
  // Triage: declare an incident from waiting alerts, attach them to one, or
  // dismiss them.
  r.Add(verb::post, "/api/v1/alerts/declare", Scope::kRespond,
        Handle<std::string>(
            EchoingBody<Declaration>(TriageDeclarationOf),
            [s](const engine::Caller& c, const Echoed<Declaration>& d, Done<std::string> done) {
              s.ingest->DeclareFromTriage(c, d.request, std::move(done));
            },
            [](const Echoed<Declaration>& d, const std::string& id) {
              return json::object{{"incident_id", id}, {"alert_ids", d.alert_ids}};
            },
            status::created));
  r.Add(
      verb::post, "/api/v1/alerts/attach", Scope::kRespond,
      Handle<Ok>(
          EchoingBody<TriageAttach>(TriageAttachOf),
          [s](const engine::Caller& c, const Echoed<TriageAttach>& a, Done<Ok> done) {
            s.ingest->AttachFromTriage(c, a.request.alert_ids, a.request.incident_id,
                                       std::move(done));
          },
          [](const Echoed<TriageAttach>& a, Ok) {
            return json::object{{"incident_id", a.request.incident_id}, {"alert_ids", a.alert_ids}};
          }));
  r.Add(verb::post, "/api/v1/alerts/dismiss", Scope::kRespond,
        Handle<Ok>(
            EchoingBody<TriageDismissal>(TriageDismissalOf),
            [s](const engine::Caller& c, const Echoed<TriageDismissal>& d, Done<Ok> done) {
              s.ingest->DismissFromTriage(c, d.request.alert_ids, d.request.reason,
                                          std::move(done));
            },
            [](const Echoed<TriageDismissal>& d, Ok) {
              return json::object{{"dismissed", d.alert_ids}};
            }));
}

}  // namespace warroom::http
