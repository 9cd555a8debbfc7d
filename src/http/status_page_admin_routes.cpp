#include "http/status_page_admin_routes.hpp"

#include <boost/json.hpp>

#include "api/fields.hpp"
#include "http/handler.hpp"

namespace warroom::http {

namespace json = boost::json;
namespace sp = core::status_page;
using beast_http::verb;

json::object PublishedComponentJson(const engine::PublishedComponent& p) {
  json::object o{{"id", p.component.id},
                 {"name", p.component.name},
                 {"group", p.component.group},
                 {"description", p.component.description},
                 {"status", sp::ComponentStatusName(p.status)}};
  if (p.set) {
    o["set"] = json::object{{"status", sp::ComponentStatusName(p.set->status)},
                            {"by", p.set->by},
                            {"at", FormatTime(p.set->at)},
                            {"note", p.note}};
  } else {
    o["set"] = nullptr;
  }
  return o;
}

namespace {

json::object PublishedListJson(const std::vector<engine::PublishedComponent>& items) {
  json::array out;
  for (const auto& p : items) out.push_back(PublishedComponentJson(p));
  return json::object{{"items", std::move(out)}};
}

// PUT /api/v1/status-page/components/{id}: {"status", "note"}.
struct StatusSetting {
  std::string component;
  sp::ComponentStatus status = sp::ComponentStatus::kOperational;
  std::string note;
};
Result<StatusSetting> StatusSettingOf(const Request& req, const Params& p) {
  WARROOM_ASSIGN_OR_RETURN(json::object body, ParseBody(req));
  WARROOM_RETURN_IF_ERROR(api::OnlyFields(body, {"status", "note"}, "a component's status"));
  StatusSetting s{p.at("id"), {}, {}};
  WARROOM_ASSIGN_OR_RETURN(std::string status, api::StringField(body, "status", 64, true));
  auto parsed = sp::ParseComponentStatus(status);
  if (!parsed.ok())
    return Error::InvalidArgument(
        "'status' must be operational, degraded_performance, "
        "partial_outage, major_outage or under_maintenance, not '" +
        api::Shown(status) + "'");
  s.status = *parsed;
  WARROOM_ASSIGN_OR_RETURN(s.note, api::StringField(body, "note", api::kLongBytes));
  return s;
}

}  // namespace

void AddStatusPageAdminRoutes(Router& r, const ApiServices& s) {
  r.Add(verb::get, "/api/v1/status-page/components", Scope::kRead,
        Handle<std::vector<engine::PublishedComponent>>(
            NoInput,
            [s](const engine::Caller& c, Ok, Done<std::vector<engine::PublishedComponent>> done) {
              if (!s.status_page_admin) return done(Error::Unavailable("no status page here"));
              s.status_page_admin->ListComponents(c, std::move(done));
            },
            PublishedListJson));
  r.Add(verb::put, "/api/v1/status-page/components/{id}", Scope::kRespond,
        Handle<engine::PublishedComponent>(
            StatusSettingOf,
            [s](const engine::Caller& c, const StatusSetting& set,
                Done<engine::PublishedComponent> done) {
              if (!s.status_page_admin) return done(Error::Unavailable("no status page here"));
              s.status_page_admin->SetComponentStatus(c, set.component, set.status, set.note,
                                                      std::move(done));
            },
            PublishedComponentJson));
  AddStatusPageMaintenanceRoutes(r, s);
}

}  // namespace warroom::http
