#include "http/incident_routes.hpp"

#include <boost/json.hpp>

#include "api/command_json.hpp"
#include "api/event_json.hpp"
#include "api/fields.hpp"
#include "api/incident_json.hpp"
#include "base/text.hpp"
#include "http/handler.hpp"

namespace warroom::http {

namespace json = boost::json;
using beast_http::status;
using beast_http::verb;

namespace {

// The incident as GET /api/v1/incidents/{id} and commands answer it: the
// state's fields, then clocks, metrics and as_of.
RawJson ViewJson(const engine::IncidentView& v) {
  if (!v.state_json || v.state_json->size() < 2) {
    json::object o = api::EncodeState(v.state);
    o["clocks"] = api::EncodeClocks(v.clocks);
    o["metrics"] = api::EncodeMetrics(v.metrics);
    o["as_of"] = FormatTime(v.as_of);
    return RawJson{json::serialize(o)};
  }
  // The state part is serialized once per change (engine cache); splice the
  // time-dependent parts onto it instead of rebuilding the whole object.
  RawJson out{std::string(*v.state_json, 0, v.state_json->size() - 1)};
  std::string& body = out.text;
  body += ",\"clocks\":";
  body += json::serialize(api::EncodeClocks(v.clocks));
  body += ",\"metrics\":";
  body += json::serialize(api::EncodeMetrics(v.metrics));
  body += ",\"as_of\":\"";
  body += FormatTime(v.as_of);
  body += "\"}";
  return out;
}

json::object TimelineJson(const engine::IncidentView& v) {
  json::array t;
  for (const auto& e : v.events) t.push_back(api::EncodeEvent(e));
  return json::object{{"id", v.state.id}, {"events", std::move(t)}};
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

Result<store::IncidentFilter> ListFilter(const Request& req, const Params&) {
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

json::object ListJson(const store::IncidentFilter& f, const std::vector<store::IncidentRow>& rows) {
  json::array items;
  for (const auto& row : rows) items.push_back(RowJson(row));
  json::object out{{"items", std::move(items)}, {"limit", f.limit}, {"offset", f.offset}};
  out["next_offset"] =
      static_cast<int>(rows.size()) == f.limit ? json::value(f.offset + f.limit) : nullptr;
  return out;
}

// The command `action` for incident `id` ("" to declare), from its body.
Result<engine::CommandRequest> CommandOf(std::string id, std::string_view action,
                                         const json::object& body) {
  WARROOM_ASSIGN_OR_RETURN(core::Command cmd, api::DecodeCommand(action, body));
  WARROOM_ASSIGN_OR_RETURN(std::optional<TimePoint> at, api::TimeField(body, "at"));
  return engine::CommandRequest{std::move(id), std::move(cmd), at};
}

// A command route's reader: the body (required to declare, else {} when
// empty), with what the path adds to it (`extend` may refuse the path).
template <typename Extend>
auto ReadCommand(std::string action, bool body_required, Extend extend) {
  return [action = std::move(action), body_required, extend](
             const Request& req, const Params& p) -> Result<engine::CommandRequest> {
    WARROOM_ASSIGN_OR_RETURN(json::object body, ParseBody(req, !body_required));
    WARROOM_RETURN_IF_ERROR(extend(p, body));
    auto id = p.find("id");  // none to declare
    return CommandOf(id == p.end() ? std::string() : id->second, action, body);
  };
}
auto ReadCommand(std::string action, bool body_required = false) {
  return ReadCommand(std::move(action), body_required,
                     [](const Params&, json::object&) { return Success(); });
}

}  // namespace

void AddIncidentRoutes(Router& r, const ApiServices& s) {
  auto execute = [s](const engine::Caller& c, const engine::CommandRequest& cr,
                     Done<engine::IncidentView> done) {
    s.incidents->Execute(c, cr, std::move(done));
  };
  auto get = [s](bool timeline) {
    return [s, timeline](const engine::Caller& c, const std::string& id,
                         Done<engine::IncidentView> done) {
      if (timeline) return s.incidents->GetWithTimeline(c, id, std::move(done));
      s.incidents->Get(c, id, std::move(done));
    };
  };
  r.Add(verb::post, "/api/v1/incidents", Scope::kRespond,
        Handle<engine::IncidentView>(ReadCommand("declare", true), execute, ViewJson,
                                     status::created));
  r.Add(verb::get, "/api/v1/incidents", Scope::kRead,
        Handle<std::vector<store::IncidentRow>>(
            ListFilter,
            [s](const engine::Caller& c, const store::IncidentFilter& f,
                Done<std::vector<store::IncidentRow>> done) {
              s.incidents->List(c, f, std::move(done));
            },
            ListJson));
  r.Add(verb::get, "/api/v1/incidents/{id}", Scope::kRead,
        Handle<engine::IncidentView>(PathParam("id"), get(false), ViewJson));
  r.Add(verb::get, "/api/v1/incidents/{id}/timeline", Scope::kRead,
        Handle<engine::IncidentView>(PathParam("id"), get(true), TimelineJson));
  // One route per command, so that each is listed (warroom routes, the API
  // document) with its own body; an action no route names is still a 404
  // listing the actions.
  for (std::string_view name : api::IncidentActions()) {
    r.Add(verb::post, "/api/v1/incidents/{id}/" + std::string(name), Scope::kRespond,
          Handle<engine::IncidentView>(ReadCommand(std::string(name)), execute, ViewJson,
                                       name == "declare" ? status::created : status::ok));
  }
  r.AddNotFound("/api/v1/incidents/{id}/{action}",
                [](const Params& p) { return api::UnknownIncidentAction(p.at("action")).message; });
  r.Add(verb::delete_, "/api/v1/incidents/{id}/responders/{user}", Scope::kRespond,
        Handle<engine::IncidentView>(ReadCommand("leave", false,
                                                 [](const Params& p, json::object& body) {
                                                   body["user"] = p.at("user");
                                                   return Success();
                                                 }),
                                     execute, ViewJson));
  // An action item's change, and its completion, name it in the path.
  auto item_in_path = [](const char* status) {
    return [status](const Params& p, json::object& body) -> Outcome {
      WARROOM_ASSIGN_OR_RETURN(std::int64_t n, PositiveId(p.at("item"), "an action item number"));
      if (body.contains("item_id"))
        return Error::InvalidArgument("the action item is named by the path: leave out 'item_id'");
      body["item_id"] = n;
      if (status) {
        if (body.contains("status"))
          return Error::InvalidArgument("'/done' sets the status: leave out 'status'");
        body["status"] = status;
      }
      return Success();
    };
  };
  r.Add(verb::post, "/api/v1/incidents/{id}/action-items/{item}", Scope::kRespond,
        Handle<engine::IncidentView>(ReadCommand("update-action-item", true, item_in_path(nullptr)),
                                     execute, ViewJson));
  r.Add(verb::post, "/api/v1/incidents/{id}/action-items/{item}/done", Scope::kRespond,
        Handle<engine::IncidentView>(ReadCommand("update-action-item", false, item_in_path("done")),
                                     execute, ViewJson));
  r.Add(verb::post, "/api/v1/incidents/{id}/tasks/{task}/complete", Scope::kRespond,
        Handle<engine::IncidentView>(
            ReadCommand("complete-task", false,
                        [](const Params& p, json::object& body) -> Outcome {
                          WARROOM_ASSIGN_OR_RETURN(std::int64_t n,
                                                   PositiveId(p.at("task"), "a task number"));
                          body["task_id"] = n;
                          return Success();
                        }),
            execute, ViewJson));
}

}  // namespace warroom::http
