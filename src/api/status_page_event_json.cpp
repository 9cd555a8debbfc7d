#include "api/status_page_event_json.hpp"

#include "api/event_json.hpp"

namespace warroom::api {

namespace json = boost::json;
namespace ev = core::events;

json::object EncodeStatusPageEvent(const ev::ComponentStatusSet& c) {
  return {{"component", c.component}, {"status", c.status}, {"note", c.note}};
}

json::object EncodeStatusPageEvent(const ev::MaintenanceScheduled& m) {
  json::array components;
  for (const std::string& c : m.components) components.emplace_back(c);
  return {{"maintenance_id", m.maintenance_id},
          {"name", m.name},
          {"scheduled_for", FormatTime(m.scheduled_for)},
          {"scheduled_until", FormatTime(m.scheduled_until)},
          {"components", std::move(components)},
          {"body", m.body}};
}

json::object EncodeStatusPageEvent(const ev::MaintenanceUpdated& m) {
  json::object o{{"maintenance_id", m.maintenance_id}, {"status", m.status}, {"body", m.body}};
  if (m.scheduled_until) o["scheduled_until"] = FormatTime(*m.scheduled_until);
  return o;
}

Result<core::EventPayload> DecodeComponentStatusSet(const json::object& o) {
  return core::EventPayload(ev::ComponentStatusSet{
      OptionalString(o, "component"), OptionalString(o, "status"), OptionalString(o, "note")});
}

Result<core::EventPayload> DecodeMaintenanceScheduled(const json::object& o) {
  ev::MaintenanceScheduled m;
  m.maintenance_id = OptionalString(o, "maintenance_id");
  m.name = OptionalString(o, "name");
  m.body = OptionalString(o, "body");
  WARROOM_ASSIGN_OR_RETURN(auto from, OptionalTime(o, "scheduled_for"));
  WARROOM_ASSIGN_OR_RETURN(auto until, OptionalTime(o, "scheduled_until"));
  if (!from || !until) return Error::Internal("a maintenance_scheduled event without its window");
  m.scheduled_for = *from;
  m.scheduled_until = *until;
  if (const auto* v = o.if_contains("components"); v && v->is_array())
    for (const auto& c : v->as_array())
      if (c.is_string()) m.components.emplace_back(c.as_string());
  return core::EventPayload(std::move(m));
}

Result<core::EventPayload> DecodeMaintenanceUpdated(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto until, OptionalTime(o, "scheduled_until"));
  return core::EventPayload(ev::MaintenanceUpdated{OptionalString(o, "maintenance_id"),
                                                   OptionalString(o, "status"),
                                                   OptionalString(o, "body"), until});
}

}  // namespace warroom::api
