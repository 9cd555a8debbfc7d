// The alert sources (integrations), the ingest endpoints each sender posts
// to, and the alerts they bring.
#include <boost/json.hpp>

#include "api/event_json.hpp"
#include "api/fields.hpp"
#include "base/text.hpp"
#include "engine/user_service.hpp"
#include "http/request_bodies.hpp"
#include "http/route_support.hpp"
#include "ingest/alertmanager.hpp"
#include "ingest/generic.hpp"
#include "ingest/pagerduty.hpp"

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

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
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

void AddIngestRoutes(Router& r, const ApiServices& s) {
  // Alert sources.
  r.Add(verb::post, "/api/v1/integrations", Scope::kAdmin,
        [s](engine::Caller c, const Request& req, const Params&) -> asio::awaitable<Response> {
          auto body = ParseBody(req, false);
          if (!body.ok()) co_return Problem(body.error(), req.version());
          auto wanted = NewIntegrationOf(*body);
          if (!wanted.ok()) co_return Problem(wanted.error(), req.version());
          std::string type = wanted->type;
          auto start14 = [s, c, n = wanted->name, t = wanted->type](auto done) {
            s.ingest->CreateIntegration(c, n, t, std::move(done));
          };
          auto key = co_await Await<engine::IssuedKey>(start14);
          if (!key.ok()) co_return Problem(key.error(), req.version());
          co_return Json(
              status::created,
              json::object{{"name", key->integration}, {"type", type}, {"key", key->key}},
              req.version());
        });
  r.Add(verb::get, "/api/v1/integrations", Scope::kAdmin,
        [s](engine::Caller c, const Request& req, const Params&) -> asio::awaitable<Response> {
          auto start15 = [s, c](auto done) { s.ingest->ListIntegrations(c, std::move(done)); };
          auto rows = co_await Await<std::vector<store::Integration>>(start15);
          if (!rows.ok()) co_return Problem(rows.error(), req.version());
          json::array items;
          for (const auto& i : *rows)
            items.push_back(json::object{{"name", i.name},
                                         {"type", i.type},
                                         {"enabled", i.enabled},
                                         {"created_at", FormatTime(i.created_at)},
                                         {"rotated_at", api::TimeOrNull(i.rotated_at)},
                                         {"last_report_at", api::TimeOrNull(i.last_report_at)},
                                         {"reports", i.reports}});
          co_return Json(status::ok, json::object{{"items", std::move(items)}}, req.version());
        });
  // One route per action (listed with its own answer); another action is a
  // 404 naming these.
  static constexpr std::string_view kIntegrationActions[] = {"enable", "disable", "rotate"};
  for (std::string_view act : kIntegrationActions) {
    r.Add(
        verb::post, "/api/v1/integrations/{name}/" + std::string(act), Scope::kAdmin,
        [s, action = std::string(act)](engine::Caller c, const Request& req,
                                       const Params& p) -> asio::awaitable<Response> {
          std::string name = p.at("name");
          if (action == "rotate") {
            auto start16 = [s, c, name](auto done) { s.ingest->Rotate(c, name, std::move(done)); };
            auto key = co_await Await<engine::IssuedKey>(start16);
            if (!key.ok()) co_return Problem(key.error(), req.version());
            co_return Json(status::ok, json::object{{"name", key->integration}, {"key", key->key}},
                           req.version());
          }
          bool enabled = action == "enable";
          auto start17 = [s, c, name, enabled](auto done) {
            s.ingest->SetEnabled(c, name, enabled, std::move(done));
          };
          auto r2 = co_await Await<Ok>(start17);
          if (!r2.ok()) co_return Problem(r2.error(), req.version());
          co_return Json(status::ok, json::object{{"name", name}, {"enabled", enabled}},
                         req.version());
        });
  }
  r.AddNotFound("/api/v1/integrations/{name}/{action}", [](const Params& p) {
    std::string known;
    for (std::string_view a : kIntegrationActions)
      known += (known.empty() ? "" : ", ") + std::string(a);
    return "unknown integration action '" + Shown(p.at("action")) + "': use one of " + known;
  });
  // The webhooks: Alertmanager's webhook_config, Grafana's contact point and
  // warroom's generic format. The key comes as a bearer token (http_config,
  // Grafana's authorization header) or in the path. Overloaded, they answer
  // 503 with Retry-After: Alertmanager retries only 5xx.
  using ParseFn =
      Result<std::vector<store::AlertRecord>> (*)(std::string_view, const std::string&, TimePoint);
  for (auto [type, parse_fn] :
       {std::pair<std::string, ParseFn>{"alertmanager", &ingest::ParseAlertmanager},
        {"grafana", &ingest::ParseGrafana},
        {"generic", &ingest::ParseGeneric}}) {
    auto webhook = [s, type, parse_fn](const Request& req,
                                       std::string key) -> asio::awaitable<Response> {
      if (auto ct = RequireJsonContentType(req); !ct.ok())
        co_return Problem(ct.error(), req.version());
      auto body = std::make_shared<const std::string>(req.body());
      engine::IngestService::Parser parse = [body, parse_fn](const std::string& integration,
                                                             TimePoint now) {
        return parse_fn(*body, integration, now);
      };
      std::shared_ptr<engine::IngestService::SignedRequest> signed_request;
      if (s.ingest->HasSignatures()) {
        signed_request = std::make_shared<engine::IngestService::SignedRequest>();
        for (const auto& field : req) {
          signed_request->headers[AsciiLower(field.name_string())] = std::string(field.value());
        }
        signed_request->body = *body;
      }
      auto start = [s, key, type, parse, signed_request](auto done) {
        s.ingest->Ingest(key, type, parse, std::move(done), signed_request);
      };
      auto result = co_await Await<engine::IngestResult>(start);
      if (!result.ok()) co_return Problem(result.error(), req.version());
      co_return Json(status::ok,
                     json::object{{"status", "success"},
                                  {"received", result->received},
                                  {"created", result->created},
                                  {"repeats", result->repeats},
                                  {"incidents", Strings(result->incidents)}},
                     req.version());
    };
    r.Add(verb::post, "/api/v1/ingest/" + type, Scope::kIntegration,
          [webhook](const engine::Caller&, const Request& req,
                    const Params&) -> asio::awaitable<Response> {
            std::string key = BearerToken(req[beast_http::field::authorization]);
            co_return co_await webhook(req, key);
          });
    r.Add(verb::post, "/api/v1/ingest/" + type + "/{key}", Scope::kIntegration,
          [webhook](const engine::Caller&, const Request& req,
                    const Params& p) -> asio::awaitable<Response> {
            const std::string& key = p.at("key");
            co_return co_await webhook(req, key);
          });
  }
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
  // PagerDuty Events API v2, at PagerDuty's own path: anything that can page
  // PagerDuty (Alertmanager's pagerduty_config with `url`, libraries,
  // scripts) can page warroom unchanged. Answers in PagerDuty's shapes.
  auto pagerduty = [s](const engine::Caller&, const Request& req,
                       const Params&) -> asio::awaitable<Response> {
    if (auto ct = RequireJsonContentType(req); !ct.ok())
      co_return Problem(ct.error(), req.version());
    std::vector<std::string> errors;
    std::string generated = engine::NewTokenSecret("").substr(0, 32);
    auto event = ingest::ParsePagerDuty(req.body(), s.clock->Now(), errors, generated);
    auto invalid = [&req](const std::vector<std::string>& errs) {
      json::array list;
      for (const auto& e : errs) list.emplace_back(e);
      return Json(status::bad_request,
                  json::object{{"status", "invalid event"},
                               {"message", "Event object is invalid"},
                               {"errors", list}},
                  req.version());
    };
    if (!event.ok()) co_return invalid(errors);
    std::string key = event->routing_key;
    store::AlertRecord alert = event->alert;
    engine::IngestService::Parser parse = [alert](const std::string& integration, TimePoint) {
      store::AlertRecord a = alert;
      a.integration = integration;
      return Result<std::vector<store::AlertRecord>>(std::vector<store::AlertRecord>{a});
    };
    auto start20 = [s, key, parse](auto done) {
      s.ingest->Ingest(key, "pagerduty", parse, std::move(done));
    };
    auto result = co_await Await<engine::IngestResult>(start20);
    if (!result.ok()) {
      const Error& e = result.error();
      if (e.code == ErrorCode::kUnauthenticated) co_return invalid({"Invalid routing key"});
      if (e.code == ErrorCode::kInvalidArgument) co_return invalid({e.message});
      if (e.code == ErrorCode::kResourceExhausted || e.code == ErrorCode::kUnavailable) {
        Response res = Json(status::too_many_requests,
                            json::object{{"status", "throttle event"},
                                         {"message",
                                          "Requests for this service are arriving too quickly. "
                                          "Please retry later."}},
                            req.version());
        res.set(beast_http::field::retry_after, "1");
        co_return res;
      }
      co_return Problem(e, req.version());
    }
    co_return Json(
        status::accepted,
        json::object{
            {"status", "success"}, {"message", "Event processed"}, {"dedup_key", event->dedup_key}},
        req.version());
  };
  r.Add(verb::post, "/v2/enqueue", Scope::kIntegration, pagerduty);
  r.Add(verb::post, "/api/v1/ingest/pagerduty", Scope::kIntegration, pagerduty);
}

}  // namespace warroom::http
