#include "engine/stored_events.hpp"

#include "api/event_json.hpp"

namespace warroom::engine {

store::NewEvent ToNewEvent(const core::Event& e) {
  store::NewEvent n;
  n.incident_id = e.incident_id;
  n.occurred_at = e.occurred_at;
  n.recorded_at = e.recorded_at;
  n.actor_kind = std::string(core::ActorKindName(e.actor.kind));
  n.actor_id = e.actor.id;
  n.type = std::string(core::EventTypeName(e.payload));
  n.payload = api::PayloadBytes(e.payload);
  return n;
}

Result<core::Event> FromStored(const store::StoredEvent& s) {
  core::Event e;
  e.incident_id = s.incident_id;
  e.incident_seq = s.incident_seq;
  e.global_seq = s.global_seq;
  e.occurred_at = s.occurred_at;
  e.recorded_at = s.recorded_at;
  WARROOM_ASSIGN_OR_RETURN(e.actor.kind, core::ParseActorKind(s.actor_kind));
  e.actor.id = s.actor_id;
  WARROOM_ASSIGN_OR_RETURN(e.payload, api::DecodePayload(s.type, s.payload));
  return e;
}

Result<std::vector<core::Event>> FromStored(const std::vector<store::StoredEvent>& rows) {
  std::vector<core::Event> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    WARROOM_ASSIGN_OR_RETURN(auto e, FromStored(r));
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace warroom::engine
