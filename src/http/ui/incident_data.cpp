#include "http/ui/incident_data.hpp"

#include "api/incident_json.hpp"
#include "core/incident/role.hpp"

namespace warroom::http::ui {

namespace json = boost::json;

namespace {

json::array RoleList(const core::IncidentState& s) {
  json::array out;
  for (core::Role r : core::kAllRoles) {
    auto it = s.roles.find(r);
    json::object o{{"role", core::RoleSlug(r)}, {"title", core::RoleTitle(r)}};
    o["who"] = it == s.roles.end() ? json::value(nullptr) : json::value(it->second);
    out.push_back(std::move(o));
  }
  return out;
}

// The clocks a responder must watch: the pending ones (a countdown) and
// the breached ones (they stand out until met).
json::array LiveClocks(const std::vector<core::ClockView>& clocks) {
  json::array out;
  for (const core::ClockView& c : clocks) {
    if (c.status != core::ClockStatus::kPending && c.status != core::ClockStatus::kBreached)
      continue;
    if (!c.due_at) continue;
    out.push_back(json::object{{"clock", core::ClockKindName(c.kind)},
                               {"status", core::ClockStatusName(c.status)},
                               {"breached", c.status == core::ClockStatus::kBreached},
                               {"due_at", FormatTime(*c.due_at)},
                               {"note", c.note}});
  }
  return out;
}

}  // namespace

json::object IncidentData(const engine::IncidentView& v, const engine::Caller& caller) {
  json::object o = api::EncodeState(v.state);
  o["clocks"] = api::EncodeClocks(v.clocks);
  o["metrics"] = api::EncodeMetrics(v.metrics);
  o["as_of"] = FormatTime(v.as_of);
  o["role_list"] = RoleList(v.state);
  json::array live = LiveClocks(v.clocks);
  o["has_live_clocks"] = !live.empty();
  o["live_clocks"] = std::move(live);
  bool breached = false;
  for (const auto& c : v.clocks) breached = breached || c.status == core::ClockStatus::kBreached;
  o["any_breached"] = breached;
  o["restricted"] = v.state.visibility == core::Visibility::kRestricted;
  o["frozen"] = v.state.FreezeActive();
  o["mine"] = v.state.Commander() == caller.handle;
  return o;
}

json::array MyOpenTasks(const std::vector<engine::IncidentView>& views,
                        const engine::Caller& caller) {
  json::array out;
  for (const auto& v : views)
    for (const auto& t : v.state.tasks)
      if (!t.done && t.assignee == caller.handle)
        out.push_back(json::object{{"incident", v.state.id},
                                   {"summary", v.state.summary},
                                   {"id", t.id},
                                   {"title", t.title}});
  return out;
}

}  // namespace warroom::http::ui
