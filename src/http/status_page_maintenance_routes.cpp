// Scheduled maintenance under /api/v1/status-page/maintenances: announced and
// updated by publishers, listed for anyone signed in.
#include <boost/json.hpp>

#include "api/fields.hpp"
#include "http/handler.hpp"
#include "http/status_page_admin_routes.hpp"

namespace warroom::http {

namespace json = boost::json;
namespace sp = core::status_page;
using beast_http::verb;

namespace {

constexpr std::size_t kMaxMaintenanceComponents = 100;

json::value TimeOrNull(const std::optional<TimePoint>& t) {
  return t ? json::value(FormatTime(*t)) : json::value(nullptr);
}

}  // namespace

json::object MaintenanceJson(const engine::PublishedMaintenance& p) {
  const sp::Maintenance& m = p.maintenance;
  json::array components, updates;
  for (const std::string& c : m.components) components.push_back(json::value(c));
  for (const sp::PublicUpdate& u : m.updates)
    updates.push_back(
        json::object{{"status", u.status}, {"body", u.body}, {"at", FormatTime(u.at)}});
  return {{"id", m.id},
          {"name", m.name},
          {"status", sp::MaintenanceStatusName(p.Status())},
          {"scheduled_for", FormatTime(m.scheduled_for)},
          {"scheduled_until", FormatTime(m.scheduled_until)},
          {"starts_at", FormatTime(m.StartsAt())},
          {"ends_at", FormatTime(m.EndsAt())},
          {"components", std::move(components)},
          {"updates", std::move(updates)},
          {"created_at", FormatTime(m.created_at)},
          {"updated_at", FormatTime(m.ChangedAt(p.as_of))},
          {"started_at", TimeOrNull(m.started_at)},
          {"verifying_at", TimeOrNull(m.verifying_at)},
          {"completed_at", TimeOrNull(m.completed_at)},
          {"as_of", FormatTime(p.as_of)}};
}

namespace {

json::object MaintenanceListJson(const std::vector<engine::PublishedMaintenance>& items) {
  json::array out;
  for (const auto& m : items) out.push_back(MaintenanceJson(m));
  return json::object{{"items", std::move(out)}};
}

// POST /api/v1/status-page/maintenances.
Result<engine::MaintenancePlan> PlanOf(const json::object& body) {
  WARROOM_RETURN_IF_ERROR(api::OnlyFields(
      body, {"name", "scheduled_for", "scheduled_until", "components", "body"}, "a maintenance"));
  engine::MaintenancePlan plan;
  WARROOM_ASSIGN_OR_RETURN(plan.name, api::StringField(body, "name", api::kShortBytes, true));
  WARROOM_ASSIGN_OR_RETURN(auto from, api::TimeField(body, "scheduled_for"));
  WARROOM_ASSIGN_OR_RETURN(auto until, api::TimeField(body, "scheduled_until"));
  if (!from || !until)
    return Error::InvalidArgument(
        "a maintenance needs its window: give scheduled_for and scheduled_until (RFC 3339)");
  plan.scheduled_for = *from;
  plan.scheduled_until = *until;
  WARROOM_ASSIGN_OR_RETURN(
      plan.components,
      api::StringListField(body, "components", kMaxMaintenanceComponents, api::kNameBytes));
  WARROOM_ASSIGN_OR_RETURN(plan.body, api::StringField(body, "body", api::kLongBytes));
  return plan;
}

// POST /api/v1/status-page/maintenances/{id}/updates.
Result<engine::MaintenanceNote> NoteOf(const Request& req, const Params& p) {
  WARROOM_ASSIGN_OR_RETURN(json::object body, ParseBody(req));
  WARROOM_RETURN_IF_ERROR(
      api::OnlyFields(body, {"status", "body", "scheduled_until"}, "a maintenance's update"));
  engine::MaintenanceNote note;
  note.maintenance_id = p.at("id");
  WARROOM_ASSIGN_OR_RETURN(note.status, api::StringField(body, "status", api::kNameBytes));
  if (!note.status.empty() && !sp::ParseMaintenanceUpdateStatus(note.status).ok())
    return Error::InvalidArgument("'status' must be in_progress, verifying or completed, not '" +
                                  api::Shown(note.status) + "'");
  WARROOM_ASSIGN_OR_RETURN(note.body, api::StringField(body, "body", api::kLongBytes, true));
  WARROOM_ASSIGN_OR_RETURN(note.scheduled_until, api::TimeField(body, "scheduled_until"));
  return note;
}

}  // namespace

void AddStatusPageMaintenanceRoutes(Router& r, const ApiServices& s) {
  auto none = [] { return Error::Unavailable("no status page here"); };
  r.Add(verb::get, "/api/v1/status-page/maintenances", Scope::kRead,
        Handle<std::vector<engine::PublishedMaintenance>>(
            NoInput,
            [s, none](const engine::Caller& c, Ok,
                      Done<std::vector<engine::PublishedMaintenance>> done) {
              if (!s.status_page_admin) return done(none());
              s.status_page_admin->ListMaintenances(c, std::move(done));
            },
            MaintenanceListJson));
  r.Add(verb::get, "/api/v1/status-page/maintenances/{id}", Scope::kRead,
        Handle<engine::PublishedMaintenance>(
            PathParam("id"),
            [s, none](const engine::Caller& c, const std::string& id,
                      Done<engine::PublishedMaintenance> done) {
              if (!s.status_page_admin) return done(none());
              s.status_page_admin->GetMaintenance(c, id, std::move(done));
            },
            MaintenanceJson));
  r.Add(verb::post, "/api/v1/status-page/maintenances", Scope::kRespond,
        Handle<engine::PublishedMaintenance>(
            JsonBody(PlanOf),
            [s, none](const engine::Caller& c, const engine::MaintenancePlan& plan,
                      Done<engine::PublishedMaintenance> done) {
              if (!s.status_page_admin) return done(none());
              s.status_page_admin->ScheduleMaintenance(c, plan, std::move(done));
            },
            MaintenanceJson, beast_http::status::created));
  r.Add(verb::post, "/api/v1/status-page/maintenances/{id}/updates", Scope::kRespond,
        Handle<engine::PublishedMaintenance>(
            NoteOf,
            [s, none](const engine::Caller& c, const engine::MaintenanceNote& note,
                      Done<engine::PublishedMaintenance> done) {
              if (!s.status_page_admin) return done(none());
              s.status_page_admin->UpdateMaintenance(c, note, std::move(done));
            },
            MaintenanceJson));
}

}  // namespace warroom::http
