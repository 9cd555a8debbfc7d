#include "api/event_json.hpp"

#include "api/action_item_event_json.hpp"
#include "api/status_page_event_json.hpp"

namespace warroom::api {

namespace json = boost::json;
using namespace core;

boost::json::value TimeOrNull(const std::optional<TimePoint>& t) {
  if (!t) return nullptr;
  return json::string(FormatTime(*t));
}

Result<std::optional<TimePoint>> OptionalTime(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::optional<TimePoint>();
  if (!it->value().is_string())
    return Error::InvalidArgument("'" + std::string(key) +
                                  "' must be an RFC 3339 date-time string");
  auto t = ParseTime(it->value().as_string());
  if (!t.ok()) return Error::InvalidArgument("'" + std::string(key) + "': " + t.error().message);
  return std::optional<TimePoint>(*t);
}

Result<std::string> RequiredString(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string())
    return Error::InvalidArgument("'" + std::string(key) + "' is required and must be a string");
  return std::string(it->value().as_string());
}

std::string OptionalString(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) return {};
  return std::string(it->value().as_string());
}

json::object EncodeImpact(const ImpactChange& c) {
  json::object o;
  if (c.customers_affected) o["customers_affected"] = *c.customers_affected;
  if (c.customers_affected_pct) o["customers_affected_pct"] = *c.customers_affected_pct;
  if (c.affected_components) {
    json::array a;
    for (const auto& s : *c.affected_components) a.emplace_back(s);
    o["affected_components"] = std::move(a);
  }
  if (c.workaround) o["workaround"] = *c.workaround;
  if (c.eta) o["eta"] = FormatTime(*c.eta);
  if (c.revenue_impact) o["revenue_impact"] = *c.revenue_impact;
  if (c.impact_start) o["impact_start"] = FormatTime(*c.impact_start);
  return o;
}

Result<ImpactChange> DecodeImpact(const json::object& o) {
  ImpactChange c;
  if (auto* v = o.if_contains("customers_affected"); v && !v->is_null()) {
    // Requests are read by api/fields.hpp (bounded); this reads what was
    // stored, and never converts what does not fit (that would throw).
    if (!v->is_int64())
      return Error::InvalidArgument("'customers_affected' must be a whole number");
    c.customers_affected = v->get_int64();
  }
  if (auto* v = o.if_contains("customers_affected_pct"); v && !v->is_null()) {
    if (!v->is_number()) return Error::InvalidArgument("'customers_affected_pct' must be a number");
    c.customers_affected_pct = v->to_number<double>();
  }
  if (auto* v = o.if_contains("affected_components"); v && !v->is_null()) {
    if (!v->is_array())
      return Error::InvalidArgument("'affected_components' must be a list of strings");
    std::vector<std::string> comps;
    for (const auto& e : v->as_array()) {
      if (!e.is_string())
        return Error::InvalidArgument("'affected_components' must be a list of strings");
      comps.emplace_back(e.as_string());
    }
    c.affected_components = std::move(comps);
  }
  if (auto* v = o.if_contains("workaround"); v && !v->is_null()) {
    if (!v->is_string()) return Error::InvalidArgument("'workaround' must be a string");
    c.workaround = std::string(v->as_string());
  }
  if (auto* v = o.if_contains("revenue_impact"); v && !v->is_null()) {
    if (!v->is_string()) return Error::InvalidArgument("'revenue_impact' must be a string");
    c.revenue_impact = std::string(v->as_string());
  }
  WARROOM_ASSIGN_OR_RETURN(c.eta, OptionalTime(o, "eta"));
  WARROOM_ASSIGN_OR_RETURN(c.impact_start, OptionalTime(o, "impact_start"));
  return c;
}

namespace {

struct Encoder {
  json::object operator()(const events::Declared& d) const {
    json::object o;
    o["severity"] = SeverityName(d.severity);
    o["summary"] = d.summary;
    o["detected_at"] = TimeOrNull(d.detected_at);
    o["source"] = DetectionSourceName(d.source);
    o["visibility"] = VisibilityName(d.visibility);
    o["policy_version"] = d.policy_version;
    o["commander"] = d.commander;
    o["impact"] = EncodeImpact(d.impact);
    return o;
  }
  json::object operator()(const events::Acknowledged& a) const { return {{"by", a.by}}; }
  json::object operator()(const events::SeverityChanged& c) const {
    return {{"from", SeverityName(c.from)}, {"to", SeverityName(c.to)}, {"reason", c.reason}};
  }
  json::object operator()(const events::RootCauseIdentified& r) const {
    return {{"summary", r.summary}, {"category", r.category}};
  }
  json::object operator()(const events::Mitigated& m) const { return {{"action", m.action}}; }
  json::object operator()(const events::Resolved& r) const {
    return {{"summary", r.summary}, {"forced", r.forced}, {"reason", r.reason}};
  }
  json::object operator()(const events::Closed& c) const { return {{"pir_url", c.pir_url}}; }
  json::object operator()(const events::Reopened& r) const { return {{"reason", r.reason}}; }
  json::object operator()(const events::Dismissed& d) const {
    return {{"reason", DismissReasonName(d.reason)}, {"note", d.note}};
  }
  json::object operator()(const events::RoleAssigned& r) const {
    return {{"role", RoleSlug(r.role)}, {"user", r.user}, {"previous", r.previous}};
  }
  json::object operator()(const events::ResponderJoined& j) const { return {{"user", j.user}}; }
  json::object operator()(const events::ResponderLeft& l) const { return {{"user", l.user}}; }
  json::object operator()(const events::TaskAdded& t) const {
    return {{"task_id", t.task_id}, {"title", t.title}, {"assignee", t.assignee}};
  }
  json::object operator()(const events::TaskCompleted& t) const { return {{"task_id", t.task_id}}; }
  json::object operator()(const events::NoteAdded& n) const {
    return {{"kind", NoteKindName(n.kind)}, {"text", n.text}};
  }
  json::object operator()(const events::UpdatePosted& u) const {
    return {
        {"audience", AudienceName(u.audience)}, {"text", u.text}, {"template", u.template_name}};
  }
  json::object operator()(const events::LinkAdded& l) const {
    return {{"kind", l.kind}, {"url", l.url}, {"title", l.title}};
  }
  json::object operator()(const events::ImpactUpdated& i) const { return EncodeImpact(i.change); }
  json::object operator()(const events::MessageOutcome& m) const {
    return {{"message_id", m.message_id}, {"destination", m.destination}, {"kind", m.kind},
            {"audience", m.audience},     {"attempts", m.attempts},       {"detail", m.detail}};
  }
  json::object operator()(const events::PageRequested& p) const {
    return {{"to", p.to}, {"reason", p.reason}};
  }
  json::object operator()(const events::FreezeDeclared& f) const { return {{"reason", f.reason}}; }
  json::object operator()(const events::FreezeLifted& f) const { return {{"reason", f.reason}}; }
  json::object operator()(const events::AlertGroupAttached& a) const {
    return {{"integration", a.integration},
            {"group_key", a.group_key},
            {"summary", a.summary},
            {"alerts", a.alerts},
            {"first_started_at", FormatTime(a.first_started_at)},
            {"recurrence", a.recurrence}};
  }
  json::object operator()(const events::AlertsResolved& r) const {
    return {{"integration", r.integration},
            {"group_key", r.group_key},
            {"resolved", r.resolved},
            {"group_firing", r.group_firing},
            {"firing", r.firing}};
  }
  json::object operator()(const events::ClockBreached& b) const {
    return {{"clock", ClockKindName(b.clock)},
            {"due_at", FormatTime(b.due_at)},
            {"retroactive", b.retroactive}};
  }
  json::object operator()(const events::VisibilityChanged& v) const {
    return {{"visibility", VisibilityName(v.visibility)}, {"reason", v.reason}};
  }
  json::object operator()(const events::AdminReset& r) const {
    return {{"handle", r.handle},
            {"operator", r.operator_name},
            {"reason", r.reason},
            {"created", r.created},
            {"promoted", r.promoted},
            {"enabled", r.enabled},
            {"tokens_revoked", r.tokens_revoked},
            {"sessions_revoked", r.sessions_revoked}};
  }
  json::object operator()(const events::ComponentStatusSet& c) const {
    return EncodeStatusPageEvent(c);
  }
  json::object operator()(const events::MaintenanceScheduled& m) const {
    return EncodeStatusPageEvent(m);
  }
  json::object operator()(const events::MaintenanceUpdated& m) const {
    return EncodeStatusPageEvent(m);
  }
  json::object operator()(const events::ActionItemAdded& a) const {
    return EncodeActionItemEvent(a);
  }
  json::object operator()(const events::ActionItemUpdated& u) const {
    return EncodeActionItemEvent(u);
  }
  json::object operator()(const events::ActionItemReminded& r) const {
    return EncodeActionItemEvent(r);
  }
};

template <typename T>
Result<T> Enum(const json::object& o, std::string_view key, Result<T> (*parse)(std::string_view)) {
  WARROOM_ASSIGN_OR_RETURN(std::string s, RequiredString(o, key));
  return parse(s);
}

std::int64_t Int(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->get_int64() : 0;
}

bool Bool(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

// One decoder per event type: each reads its payload's fields as written by
// the Encoder above.

Result<EventPayload> DecodeDeclared(const json::object& o) {
  events::Declared d;
  WARROOM_ASSIGN_OR_RETURN(d.severity, Enum<Severity>(o, "severity", ParseSeverity));
  d.summary = OptionalString(o, "summary");
  WARROOM_ASSIGN_OR_RETURN(d.detected_at, OptionalTime(o, "detected_at"));
  WARROOM_ASSIGN_OR_RETURN(d.source, Enum<DetectionSource>(o, "source", ParseDetectionSource));
  WARROOM_ASSIGN_OR_RETURN(d.visibility, Enum<Visibility>(o, "visibility", ParseVisibility));
  d.policy_version = OptionalString(o, "policy_version");
  d.commander = OptionalString(o, "commander");
  if (auto* i = o.if_contains("impact"); i && i->is_object()) {
    WARROOM_ASSIGN_OR_RETURN(d.impact, DecodeImpact(i->as_object()));
  }
  return EventPayload(std::move(d));
}
Result<EventPayload> DecodeAcknowledged(const json::object& o) {
  return EventPayload(events::Acknowledged{OptionalString(o, "by")});
}
Result<EventPayload> DecodeSeverityChanged(const json::object& o) {
  events::SeverityChanged c;
  WARROOM_ASSIGN_OR_RETURN(c.from, Enum<Severity>(o, "from", ParseSeverity));
  WARROOM_ASSIGN_OR_RETURN(c.to, Enum<Severity>(o, "to", ParseSeverity));
  c.reason = OptionalString(o, "reason");
  return EventPayload(c);
}
Result<EventPayload> DecodeRootCauseIdentified(const json::object& o) {
  return EventPayload(
      events::RootCauseIdentified{OptionalString(o, "summary"), OptionalString(o, "category")});
}
Result<EventPayload> DecodeMitigated(const json::object& o) {
  return EventPayload(events::Mitigated{OptionalString(o, "action")});
}
Result<EventPayload> DecodeResolved(const json::object& o) {
  return EventPayload(events::Resolved{OptionalString(o, "summary"), Bool(o, "forced"),
                                       OptionalString(o, "reason")});
}
Result<EventPayload> DecodeClosed(const json::object& o) {
  return EventPayload(events::Closed{OptionalString(o, "pir_url")});
}
Result<EventPayload> DecodeReopened(const json::object& o) {
  return EventPayload(events::Reopened{OptionalString(o, "reason")});
}
Result<EventPayload> DecodeDismissed(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto r, Enum<DismissReason>(o, "reason", ParseDismissReason));
  return EventPayload(events::Dismissed{r, OptionalString(o, "note")});
}
Result<EventPayload> DecodeRoleAssigned(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto r, Enum<Role>(o, "role", ParseRole));
  return EventPayload(
      events::RoleAssigned{r, OptionalString(o, "user"), OptionalString(o, "previous")});
}
Result<EventPayload> DecodeResponderJoined(const json::object& o) {
  return EventPayload(events::ResponderJoined{OptionalString(o, "user")});
}
Result<EventPayload> DecodeResponderLeft(const json::object& o) {
  return EventPayload(events::ResponderLeft{OptionalString(o, "user")});
}
Result<EventPayload> DecodeTaskAdded(const json::object& o) {
  return EventPayload(events::TaskAdded{Int(o, "task_id"), OptionalString(o, "title"),
                                        OptionalString(o, "assignee")});
}
Result<EventPayload> DecodeTaskCompleted(const json::object& o) {
  return EventPayload(events::TaskCompleted{Int(o, "task_id")});
}
Result<EventPayload> DecodeNoteAdded(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto k, Enum<NoteKind>(o, "kind", ParseNoteKind));
  return EventPayload(events::NoteAdded{k, OptionalString(o, "text")});
}
Result<EventPayload> DecodeUpdatePosted(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto a, Enum<Audience>(o, "audience", ParseAudience));
  return EventPayload(
      events::UpdatePosted{a, OptionalString(o, "text"), OptionalString(o, "template")});
}
Result<EventPayload> DecodeLinkAdded(const json::object& o) {
  return EventPayload(events::LinkAdded{OptionalString(o, "kind"), OptionalString(o, "url"),
                                        OptionalString(o, "title")});
}
Result<EventPayload> DecodeImpactUpdated(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto c, DecodeImpact(o));
  return EventPayload(events::ImpactUpdated{std::move(c)});
}
Result<EventPayload> DecodeVisibilityChanged(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto v, Enum<Visibility>(o, "visibility", ParseVisibility));
  return EventPayload(events::VisibilityChanged{v, OptionalString(o, "reason")});
}
// The fields the three message outcomes share.
events::MessageOutcome MessageOutcomeFrom(const json::object& o) {
  return events::MessageOutcome{Int(o, "message_id"),
                                OptionalString(o, "destination"),
                                OptionalString(o, "kind"),
                                OptionalString(o, "audience"),
                                static_cast<int>(Int(o, "attempts")),
                                OptionalString(o, "detail")};
}
Result<EventPayload> DecodeMessageDelivered(const json::object& o) {
  return EventPayload(events::MessageDelivered{MessageOutcomeFrom(o)});
}
Result<EventPayload> DecodeMessageDeadLettered(const json::object& o) {
  return EventPayload(events::MessageDeadLettered{MessageOutcomeFrom(o)});
}
Result<EventPayload> DecodeMessageOutcomeUnknown(const json::object& o) {
  return EventPayload(events::MessageOutcomeUnknown{MessageOutcomeFrom(o)});
}
Result<EventPayload> DecodePageRequested(const json::object& o) {
  return EventPayload(events::PageRequested{OptionalString(o, "to"), OptionalString(o, "reason")});
}
Result<EventPayload> DecodeFreezeDeclared(const json::object& o) {
  return EventPayload(events::FreezeDeclared{OptionalString(o, "reason")});
}
Result<EventPayload> DecodeFreezeLifted(const json::object& o) {
  return EventPayload(events::FreezeLifted{OptionalString(o, "reason")});
}
Result<EventPayload> DecodeAlertGroupAttached(const json::object& o) {
  events::AlertGroupAttached a;
  a.integration = OptionalString(o, "integration");
  a.group_key = OptionalString(o, "group_key");
  a.summary = OptionalString(o, "summary");
  a.alerts = Int(o, "alerts");
  WARROOM_ASSIGN_OR_RETURN(auto started, OptionalTime(o, "first_started_at"));
  if (!started) return Error::Internal("an alert_group_attached event without first_started_at");
  a.first_started_at = *started;
  a.recurrence = Bool(o, "recurrence");
  return EventPayload(std::move(a));
}
Result<EventPayload> DecodeAlertsResolved(const json::object& o) {
  return EventPayload(events::AlertsResolved{OptionalString(o, "integration"),
                                             OptionalString(o, "group_key"), Int(o, "resolved"),
                                             Int(o, "group_firing"), Int(o, "firing")});
}
Result<EventPayload> DecodeClockBreached(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto k, Enum<ClockKind>(o, "clock", ParseClockKind));
  WARROOM_ASSIGN_OR_RETURN(auto due, OptionalTime(o, "due_at"));
  if (!due) return Error::Internal("a clock_breached event without due_at");
  return EventPayload(events::ClockBreached{k, *due, Bool(o, "retroactive")});
}
Result<EventPayload> DecodeAdminReset(const json::object& o) {
  return EventPayload(events::AdminReset{OptionalString(o, "handle"), OptionalString(o, "operator"),
                                         OptionalString(o, "reason"), Bool(o, "created"),
                                         Bool(o, "promoted"), Bool(o, "enabled"),
                                         Int(o, "tokens_revoked"), Int(o, "sessions_revoked")});
}

struct PayloadDecoder {
  std::string_view type;
  Result<EventPayload> (*decode)(const json::object&);
};

// Every event type a stored payload may have, with its decoder.
constexpr PayloadDecoder kDecoders[] = {
    {"declared", DecodeDeclared},
    {"acknowledged", DecodeAcknowledged},
    {"severity_changed", DecodeSeverityChanged},
    {"root_cause_identified", DecodeRootCauseIdentified},
    {"mitigated", DecodeMitigated},
    {"resolved", DecodeResolved},
    {"closed", DecodeClosed},
    {"reopened", DecodeReopened},
    {"dismissed", DecodeDismissed},
    {"role_assigned", DecodeRoleAssigned},
    {"responder_joined", DecodeResponderJoined},
    {"responder_left", DecodeResponderLeft},
    {"task_added", DecodeTaskAdded},
    {"task_completed", DecodeTaskCompleted},
    {"note_added", DecodeNoteAdded},
    {"update_posted", DecodeUpdatePosted},
    {"link_added", DecodeLinkAdded},
    {"impact_updated", DecodeImpactUpdated},
    {"visibility_changed", DecodeVisibilityChanged},
    {"message_delivered", DecodeMessageDelivered},
    {"message_dead_lettered", DecodeMessageDeadLettered},
    {"message_outcome_unknown", DecodeMessageOutcomeUnknown},
    {"page_requested", DecodePageRequested},
    {"freeze_declared", DecodeFreezeDeclared},
    {"freeze_lifted", DecodeFreezeLifted},
    {"alert_group_attached", DecodeAlertGroupAttached},
    {"alerts_resolved", DecodeAlertsResolved},
    {"clock_breached", DecodeClockBreached},
    {"admin_reset", DecodeAdminReset},
    {"component_status_set", DecodeComponentStatusSet},
    {"maintenance_scheduled", DecodeMaintenanceScheduled},
    {"maintenance_updated", DecodeMaintenanceUpdated},
    {"action_item_added", DecodeActionItemAdded},
    {"action_item_updated", DecodeActionItemUpdated},
    {"action_item_reminded", DecodeActionItemReminded},
};

Result<EventPayload> Decode(std::string_view type, const json::object& o) {
  for (const PayloadDecoder& d : kDecoders)
    if (d.type == type) return d.decode(o);
  return Error::Internal("unknown event type '" + std::string(type) + "'");
}

}  // namespace

json::object EncodePayload(const EventPayload& payload) { return std::visit(Encoder{}, payload); }

std::string PayloadBytes(const EventPayload& payload) {
  return json::serialize(EncodePayload(payload));
}

Result<EventPayload> DecodePayload(std::string_view type, std::string_view bytes) {
  boost::system::error_code ec;
  json::value v = json::parse(bytes, ec);
  if (ec || !v.is_object())
    return Error::Internal("stored payload of a '" + std::string(type) +
                           "' event is not a JSON object");
  return Decode(type, v.as_object());
}

json::object EncodeEvent(const Event& e) {
  json::object o;
  o["incident_id"] = e.incident_id;
  o["seq"] = e.incident_seq;
  o["global_seq"] = e.global_seq;
  o["type"] = EventTypeName(e.payload);
  o["occurred_at"] = FormatTime(e.occurred_at);
  o["recorded_at"] = FormatTime(e.recorded_at);
  o["actor"] = json::object{{"kind", ActorKindName(e.actor.kind)}, {"id", e.actor.id}};
  o["payload"] = EncodePayload(e.payload);
  return o;
}

}  // namespace warroom::api
