#include "http/api_routes.hpp"

#include <boost/json.hpp>

#include "api/command_json.hpp"
#include "api/event_json.hpp"
#include "api/fields.hpp"
#include "api/incident_json.hpp"
#include "core/severity/classifier.hpp"
#include "engine/user_service.hpp"
#include "http/await.hpp"
#include "http/openapi_route.hpp"
#include "http/problem.hpp"
#include "http/request_bodies.hpp"
#include "http/route_support.hpp"

namespace warroom::http {

namespace asio = boost::asio;
namespace json = boost::json;
using beast_http::status;
using beast_http::verb;

namespace {

json::object ViewJson(const engine::IncidentView& v) {
  json::object o = api::EncodeState(v.state);
  o["clocks"] = api::EncodeClocks(v.clocks);
  o["metrics"] = api::EncodeMetrics(v.metrics);
  o["as_of"] = FormatTime(v.as_of);
  return o;
}

// The incident as GET /api/v1/incidents/{id} and commands answer it: the
// state's fields, then clocks, metrics and as_of.
Response ViewResponse(status st, const engine::IncidentView& v, unsigned version) {
  if (!v.state_json || v.state_json->size() < 2) return Json(st, ViewJson(v), version);
  // The state part is serialized once per change (engine cache); splice the
  // time-dependent parts onto it instead of rebuilding the whole object.
  Response res = Json(st, json::object(), version);
  std::string& body = res.body();
  body.assign(*v.state_json, 0, v.state_json->size() - 1);
  body += ",\"clocks\":";
  body += json::serialize(api::EncodeClocks(v.clocks));
  body += ",\"metrics\":";
  body += json::serialize(api::EncodeMetrics(v.metrics));
  body += ",\"as_of\":\"";
  body += FormatTime(v.as_of);
  body += "\"}\n";
  return res;
}

json::object RowJson(const store::IncidentRow& r) {
  return json::object{{"id", r.id},
                      {"severity", core::SeverityName(r.severity)},
                      {"status", core::StatusName(r.status)},
                      {"open", r.open},
                      {"summary", r.summary},
                      {"visibility", core::VisibilityName(r.visibility)},
                      {"declared_at", FormatTime(r.declared_at)},
                      {"updated_at", FormatTime(r.updated_at)}};
}

Result<store::OutboxFilter> OutboxFilterOf(const Request& req) {
  store::OutboxFilter f;
  for (const auto& [k, v] : QueryParams(req.target())) {
    if (k == "state") {
      auto state = store::ParseOutboxState(v);
      if (!state && v != "failed")
        return Error::InvalidArgument(
            "'state' must be pending, delivered, dead, unknown or failed (dead or unknown)");
      f.states = state ? std::vector{*state}
                       : std::vector{store::OutboxState::kDead, store::OutboxState::kUnknown};
    } else if (k == "incident") {
      f.incident_id = v;
    } else if (k == "limit") {
      WARROOM_ASSIGN_OR_RETURN(f.limit, Limit(v));
    } else {
      return Error::InvalidArgument("unknown filter '" + Shown(k) +
                                    "': use state, incident and limit");
    }
  }
  return f;
}

Result<store::IncidentFilter> ListFilter(const Request& req) {
  store::IncidentFilter f;
  for (const auto& [k, v] : QueryParams(req.target())) {
    if (k == "open") {
      if (v != "true" && v != "false")
        return Error::InvalidArgument("'open' must be true or false");
      f.open = v == "true";
    } else if (k == "severity") {
      WARROOM_ASSIGN_OR_RETURN(auto s, core::ParseSeverity(v));
      f.severity = s;
    } else if (k == "status") {
      WARROOM_ASSIGN_OR_RETURN(auto s, core::ParseStatus(v));
      f.status = s;
    } else if (k == "q") {
      f.text = v;
    } else if (k == "limit") {
      WARROOM_ASSIGN_OR_RETURN(f.limit, Limit(v));
    } else if (k == "offset") {
      int n = WholeNumber(v);
      if (n < 0) return Error::InvalidArgument("'offset' must be a whole number >= 0");
      f.offset = n;
    } else {
      return Error::InvalidArgument("unknown filter '" + Shown(k) +
                                    "': use open, severity, status, q, limit and offset");
    }
  }
  return f;
}

json::object OutboxJson(const store::OutboxMessage& m) {
  return json::object{{"id", m.id},
                      {"incident_id", m.incident_id},
                      {"cause_seq", m.cause_seq},
                      {"destination", m.destination},
                      {"kind", m.kind},
                      {"audience", m.audience},
                      {"subject", m.subject},
                      {"text", m.body},
                      {"idempotency_key", m.idempotency_key},
                      {"state", store::OutboxStateName(m.state)},
                      {"attempts", m.attempts},
                      {"next_attempt_at", FormatTime(m.next_attempt_at)},
                      {"last_error", m.last_error},
                      {"created_at", FormatTime(m.created_at)},
                      {"finished_at", api::TimeOrNull(m.finished_at)}};
}

// Arguments are references to the caller's named locals: see http/await.hpp.
asio::awaitable<Response> RunCommand(const ApiServices& s, const engine::Caller& caller,
                                     const Request& req, const std::string& incident_id,
                                     const std::string& action, const json::object& body) {
  auto cmd = api::DecodeCommand(action, body);
  if (!cmd.ok()) co_return Problem(cmd.error(), req.version());
  auto at = api::TimeField(body, "at");
  if (!at.ok()) co_return Problem(at.error(), req.version());
  engine::CommandRequest cr{incident_id, std::move(*cmd), *at};
  auto start2 = [s, caller, cr = std::move(cr)](auto done) mutable {
    s.incidents->Execute(caller, std::move(cr), std::move(done));
  };
  auto view = co_await Await<engine::IncidentView>(start2);
  if (!view.ok()) co_return Problem(view.error(), req.version());
  co_return ViewResponse(action == "declare" ? status::created : status::ok, *view, req.version());
}

}  // namespace

void AddApiRoutes(Router& r, ApiServices s) {
  // Every route but the public and integration ones runs as the token's
  // caller, its scope checked by the router.
  r.SetAuthenticator([s](const Request& req) { return Authenticate(s, req); });
  r.Add(verb::get, "/healthz", Scope::kPublic,
        [](const engine::Caller&, const Request& req, const Params&) -> asio::awaitable<Response> {
          co_return Json(status::ok, json::object{{"status", "ok"}}, req.version());
        });
  r.Add(verb::get, "/readyz", Scope::kPublic,
        [s](const engine::Caller&, const Request& req, const Params&) -> asio::awaitable<Response> {
          std::string why = s.ready && !s.ready()
                                ? std::string("the server is starting or stopping")
                            : s.unready_reason ? s.unready_reason()
                                               : std::string();
          json::object body{{"status", why.empty() ? "ready" : "not ready"}};
          if (!why.empty()) body["reason"] = why;
          Response res =
              Json(why.empty() ? status::ok : status::service_unavailable, body, req.version());
          if (!why.empty()) res.set(beast_http::field::retry_after, "1");
          co_return res;
        });
  AddOpenApiRoute(r);

  r.Add(verb::get, "/api/v1/policy", Scope::kRead,
        [s](engine::Caller, const Request& req, const Params&) -> asio::awaitable<Response> {
          co_return Json(status::ok, api::EncodePolicy(s.incidents->policy()), req.version());
        });
  r.Add(verb::post, "/api/v1/policy/classify", Scope::kRead,
        [s](engine::Caller, const Request& req, const Params&) -> asio::awaitable<Response> {
          auto body = ParseBody(req, false);
          if (!body.ok()) co_return Problem(body.error(), req.version());
          auto a = ImpactAssessmentOf(*body);
          if (!a.ok()) co_return Problem(a.error(), req.version());
          auto c = core::Classify(s.incidents->policy(), *a);
          if (!c.ok()) co_return Problem(c.error(), req.version());
          json::array reasons;
          for (const auto& why : c->reasons) reasons.emplace_back(why);
          co_return Json(status::ok,
                         json::object{{"severity", core::SeverityName(c->severity)},
                                      {"alias", core::SeverityAlias(c->severity)},
                                      {"reasons", std::move(reasons)}},
                         req.version());
        });

  r.Add(verb::post, "/api/v1/incidents", Scope::kRespond,
        [s](engine::Caller c, const Request& req, const Params&) -> asio::awaitable<Response> {
          auto body = ParseBody(req, false);
          if (!body.ok()) co_return Problem(body.error(), req.version());
          const std::string id, action = "declare";
          co_return co_await RunCommand(s, c, req, id, action, *body);
        });
  r.Add(verb::get, "/api/v1/incidents", Scope::kRead,
        [s](engine::Caller c, const Request& req, const Params&) -> asio::awaitable<Response> {
          auto f = ListFilter(req);
          if (!f.ok()) co_return Problem(f.error(), req.version());
          int limit = f->limit, offset = f->offset;
          auto start3 = [s, c, f = *f](auto done) { s.incidents->List(c, f, std::move(done)); };
          auto rows = co_await Await<std::vector<store::IncidentRow>>(start3);
          if (!rows.ok()) co_return Problem(rows.error(), req.version());
          json::array items;
          for (const auto& row : *rows) items.push_back(RowJson(row));
          json::object out{{"items", std::move(items)}, {"limit", limit}, {"offset", offset}};
          out["next_offset"] =
              static_cast<int>(rows->size()) == limit ? json::value(offset + limit) : nullptr;
          co_return Json(status::ok, out, req.version());
        });
  auto get_incident = [s](bool timeline) {
    return RouteHandler([s, timeline](engine::Caller c, const Request& req,
                                      const Params& p) -> asio::awaitable<Response> {
      auto start4 = [s, c, id = p.at("id"), timeline](auto done) {
        if (timeline) {
          s.incidents->GetWithTimeline(c, id, std::move(done));
        } else {
          s.incidents->Get(c, id, std::move(done));
        }
      };
      auto view = co_await Await<engine::IncidentView>(start4);
      if (!view.ok()) co_return Problem(view.error(), req.version());
      if (timeline) {
        json::array t;
        for (const auto& e : view->events) t.push_back(api::EncodeEvent(e));
        co_return Json(status::ok, json::object{{"id", view->state.id}, {"events", std::move(t)}},
                       req.version());
      }
      co_return ViewResponse(status::ok, *view, req.version());
    });
  };
  r.Add(verb::get, "/api/v1/incidents/{id}", Scope::kRead, get_incident(false));
  r.Add(verb::get, "/api/v1/incidents/{id}/timeline", Scope::kRead, get_incident(true));
  // One route per command, so that each is listed (warroom routes, the API
  // document) with its own body; an action no route names is still a 404
  // listing the actions.
  for (std::string_view name : api::IncidentActions()) {
    r.Add(verb::post, "/api/v1/incidents/{id}/" + std::string(name), Scope::kRespond,
          [s, action = std::string(name)](engine::Caller c, const Request& req,
                                          const Params& p) -> asio::awaitable<Response> {
            auto body = ParseBody(req);
            if (!body.ok()) co_return Problem(body.error(), req.version());
            const std::string& id = p.at("id");
            co_return co_await RunCommand(s, c, req, id, action, *body);
          });
  }
  r.AddNotFound("/api/v1/incidents/{id}/{action}",
                [](const Params& p) { return api::UnknownIncidentAction(p.at("action")).message; });
  r.Add(verb::delete_, "/api/v1/incidents/{id}/responders/{user}", Scope::kRespond,
        [s](engine::Caller c, const Request& req, const Params& p) -> asio::awaitable<Response> {
          auto body = ParseBody(req);
          if (!body.ok()) co_return Problem(body.error(), req.version());
          (*body)["user"] = p.at("user");
          const std::string& id = p.at("id");
          const std::string action = "leave";
          co_return co_await RunCommand(s, c, req, id, action, *body);
        });
  r.Add(verb::post, "/api/v1/incidents/{id}/tasks/{task}/complete", Scope::kRespond,
        [s](engine::Caller c, const Request& req, const Params& p) -> asio::awaitable<Response> {
          auto body = ParseBody(req);
          if (!body.ok()) co_return Problem(body.error(), req.version());
          auto n = PositiveId(p.at("task"), "a task number");
          if (!n.ok()) co_return Problem(n.error(), req.version());
          (*body)["task_id"] = *n;
          const std::string& id = p.at("id");
          const std::string action = "complete-task";
          co_return co_await RunCommand(s, c, req, id, action, *body);
        });

  r.Add(verb::get, "/api/v1/outbox", Scope::kAdmin,
        [s](engine::Caller c, const Request& req, const Params&) -> asio::awaitable<Response> {
          auto filter = OutboxFilterOf(req);
          if (!filter.ok()) co_return Problem(filter.error(), req.version());
          store::OutboxFilter f = *filter;
          auto start10 = [s, c, f](auto done) { s.dispatcher->List(c, f, std::move(done)); };
          auto rows = co_await Await<std::vector<store::OutboxMessage>>(start10);
          if (!rows.ok()) co_return Problem(rows.error(), req.version());
          json::array items;
          for (const auto& m : *rows) items.push_back(OutboxJson(m));
          co_return Json(status::ok, json::object{{"items", std::move(items)}}, req.version());
        });
  r.Add(verb::get, "/api/v1/outbox/{id}", Scope::kAdmin,
        [s](engine::Caller c, const Request& req, const Params& p) -> asio::awaitable<Response> {
          auto id = PositiveId(p.at("id"), "an outbox message id");
          if (!id.ok()) co_return Problem(id.error(), req.version());
          std::int64_t mid = *id;
          auto start11 = [s, c, mid](auto done) {
            s.dispatcher->Attempts(c, mid, std::move(done));
          };
          auto got =
              co_await Await<std::pair<store::OutboxMessage, std::vector<store::OutboxAttempt>>>(
                  start11);
          if (!got.ok()) co_return Problem(got.error(), req.version());
          json::object o = OutboxJson(got->first);
          json::array attempts;
          for (const auto& a : got->second)
            attempts.push_back(json::object{{"attempt", a.attempt},
                                            {"started_at", FormatTime(a.started_at)},
                                            {"finished_at", FormatTime(a.finished_at)},
                                            {"outcome", store::AttemptOutcomeName(a.outcome)},
                                            {"http_status", a.http_status},
                                            {"detail", a.detail}});
          o["attempts_detail"] = std::move(attempts);
          co_return Json(status::ok, o, req.version());
        });
  r.Add(verb::post, "/api/v1/outbox/{id}/retry", Scope::kAdmin,
        [s](engine::Caller c, const Request& req, const Params& p) -> asio::awaitable<Response> {
          auto id = PositiveId(p.at("id"), "an outbox message id");
          if (!id.ok()) co_return Problem(id.error(), req.version());
          std::int64_t mid = *id;
          auto start12 = [s, c, mid](auto done) { s.dispatcher->Retry(c, mid, std::move(done)); };
          auto m = co_await Await<store::OutboxMessage>(start12);
          if (!m.ok()) co_return Problem(m.error(), req.version());
          co_return Json(status::ok, OutboxJson(*m), req.version());
        });
  r.Add(verb::get, "/api/v1/freezes", Scope::kRead,
        [s](engine::Caller c, const Request& req, const Params&) -> asio::awaitable<Response> {
          auto start13 = [s, c](auto done) { s.incidents->Freezes(c, std::move(done)); };
          auto rows = co_await Await<std::vector<engine::Freeze>>(start13);
          if (!rows.ok()) co_return Problem(rows.error(), req.version());
          json::array items;
          for (const auto& f : *rows) {
            if (f.restricted) {
              // Deploys stop for it all the same; what it is stays hidden.
              items.push_back(json::object{{"restricted", true}, {"since", FormatTime(f.since)}});
              continue;
            }
            items.push_back(json::object{{"incident_id", f.incident_id},
                                         {"severity", f.severity},
                                         {"summary", f.summary},
                                         {"reason", f.reason},
                                         {"since", FormatTime(f.since)},
                                         {"restricted", false}});
          }
          bool frozen = !items.empty();
          co_return Json(status::ok, json::object{{"frozen", frozen}, {"items", std::move(items)}},
                         req.version());
        });
  r.Add(verb::get, "/api/v1/templates", Scope::kRead,
        [s](engine::Caller, const Request& req, const Params&) -> asio::awaitable<Response> {
          json::array names;
          if (s.templates)
            for (const auto& n : s.templates->Names()) names.emplace_back(n);
          co_return Json(status::ok, json::object{{"items", std::move(names)}}, req.version());
        });
  r.Add(verb::get, "/api/v1/incidents/{id}/comms/{template}", Scope::kRead,
        [s](engine::Caller c, const Request& req, const Params& p) -> asio::awaitable<Response> {
          auto start9 = [s, c, id = p.at("id"), name = p.at("template")](auto done) {
            s.incidents->Preview(c, id, name, std::move(done));
          };
          auto m = co_await Await<engine::RenderedMessage>(start9);
          if (!m.ok()) co_return Problem(m.error(), req.version());
          co_return Json(status::ok,
                         json::object{{"template", m->template_name},
                                      {"audience", m->audience},
                                      {"subject", m->subject},
                                      {"text", m->text}},
                         req.version());
        });
  AddUserRoutes(r, s);

  r.Add(verb::get, "/api/v1/clock", Scope::kRead,
        [s](engine::Caller, const Request& req, const Params&) -> asio::awaitable<Response> {
          co_return Json(status::ok,
                         json::object{{"now", FormatTime(s.clock->Now())},
                                      {"simulated", s.clock->IsSimulated()}},
                         req.version());
        });
  r.Add(verb::post, "/api/v1/clock/advance", Scope::kAdmin,
        [s](const engine::Caller&, const Request& req, const Params&) -> asio::awaitable<Response> {
          auto body = ParseBody(req, false);
          if (!body.ok()) co_return Problem(body.error(), req.version());
          auto d = ClockAdvanceOf(*body);
          if (!d.ok()) co_return Problem(d.error(), req.version());
          Duration step = *d;
          // Steps through every due time on the way (engine/clock_runner).
          auto start8 = [s, step](auto done) { s.advance_clock(step, std::move(done)); };
          auto now = co_await Await<TimePoint>(start8);
          if (!now.ok()) co_return Problem(now.error(), req.version());
          co_return Json(status::ok, json::object{{"now", FormatTime(*now)}, {"simulated", true}},
                         req.version());
        });
  AddIngestRoutes(r, s);
}

}  // namespace warroom::http
