#include "notify/template_context.hpp"

#include <algorithm>
#include <cstdio>

#include "core/clocks/next_update.hpp"

namespace warroom::notify {

namespace mustache = kainjow::mustache;
using namespace core;

// Scalar fields of the incident (and of the configuration).
const std::set<std::string>& IncidentFields() {
  static const std::set<std::string> kFields = {"id",
                                                "severity",
                                                "severity_alias",
                                                "severity_name",
                                                "status",
                                                "status_title",
                                                "summary",
                                                "incident_commander",
                                                "technical_lead",
                                                "communications_lead",
                                                "scribe",
                                                "impact_summary",
                                                "customers_affected",
                                                "customers_affected_pct",
                                                "affected_components_text",
                                                "workaround",
                                                "eta",
                                                "revenue_impact",
                                                "start_time",
                                                "end_time",
                                                "declared_at",
                                                "detected_at",
                                                "resolved_at",
                                                "mitigated_at",
                                                "duration",
                                                "next_update",
                                                "next_update_in",
                                                "update_frequency",
                                                "root_cause",
                                                "root_cause_category",
                                                "resolution",
                                                "mitigation",
                                                "war_room",
                                                "incident_doc",
                                                "pir_url",
                                                "pir_within",
                                                "has_pir",
                                                "posted_at",
                                                "date",
                                                "organisation",
                                                "support_contact",
                                                "restricted",
                                                "page_groups",
                                                "executives"};
  return kFields;
}

// Fields of the event a notification is about (RenderInput::event_fields).
const std::set<std::string>& EventFields() {
  static const std::set<std::string> kFields = {"actor",
                                                "paged",
                                                "reason",
                                                "integration",
                                                "group_key",
                                                "alert_summary",
                                                "alerts",
                                                "first_alert_id",
                                                "message_kind",
                                                "message_audience",
                                                "message_destination",
                                                "message_detail",
                                                "message_id",
                                                "due_at",
                                                "escalation_groups",
                                                "backup",
                                                "escalated_to_executives",
                                                "text",
                                                "text_ends_line",
                                                "item_id",
                                                "item_title",
                                                "item_owner",
                                                "item_due",
                                                "item_priority",
                                                "item_tracker_url",
                                                "reminder",
                                                "escalated"};
  return kFields;
}

// List fields and the fields of their items.
const std::map<std::string, std::set<std::string>>& ListFields() {
  static const std::map<std::string, std::set<std::string>> kLists = {
      {"responders", {"handle", "last"}},
      {"participants", {"handle", "last"}},
      {"affected_components", {"name", "last"}},
  };
  return kLists;
}

namespace {

mustache::data List(const std::vector<std::string>& items, const char* field) {
  mustache::data list{mustache::data::type::list};
  for (std::size_t i = 0; i < items.size(); ++i) {
    mustache::data item;
    item.set(field, items[i]);
    item.set("last", i + 1 == items.size() ? mustache::data::type::bool_true
                                           : mustache::data::type::bool_false);
    list.push_back(item);
  }
  return list;
}

std::string Joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string Pct(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string PostedAt(TimePoint t) { return FormatDate(t) + " " + FormatClockTime(t); }

std::string StatusTitle(Status s) {
  std::string n(StatusName(s));
  n[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(n[0])));
  return n;
}

std::string Role(const IncidentState& s, core::Role r) {
  auto it = s.roles.find(r);
  return it == s.roles.end() ? std::string() : it->second;
}

std::string ImpactSummary(const IncidentState& s) {
  std::string out;
  if (s.impact.customers_affected)
    out += std::to_string(*s.impact.customers_affected) + " customers";
  if (s.impact.customers_affected_pct) {
    std::string pct = Pct(*s.impact.customers_affected_pct) + "% of customers";
    out += out.empty() ? pct : " (" + pct + ")";
  }
  if (!out.empty()) out += " affected";
  if (!s.impact.affected_components.empty())
    out += (out.empty() ? "Affected: " : "; affected: ") + Joined(s.impact.affected_components);
  return out.empty() ? "Being assessed" : out;
}

// An empty text is false in a section, so {{#x}}...{{/x}} leaves out a line
// whose field is empty (Mustache treats every string as true).
void SetText(mustache::data& d, const std::string& key, const std::string& value) {
  if (value.empty()) {
    d.set(key, mustache::data::type::bool_false);
  } else {
    d.set(key, value);
  }
}

// Who the incident is, who holds its roles, what it affects.
void SetIncident(mustache::data& d, const IncidentState& s, const SeverityLevel& level) {
  SetText(d, "id", s.id);
  SetText(d, "severity", std::string(SeverityName(s.severity)));
  SetText(d, "severity_alias", std::string(SeverityAlias(s.severity)));
  SetText(d, "severity_name", level.name);
  SetText(d, "status", std::string(StatusName(s.status)));
  SetText(d, "status_title", StatusTitle(s.status));
  SetText(d, "summary", s.summary);
  SetText(d, "incident_commander", Role(s, core::Role::kIncidentCommander));
  SetText(d, "technical_lead", Role(s, core::Role::kTechnicalLead));
  SetText(d, "communications_lead", Role(s, core::Role::kCommunicationsLead));
  SetText(d, "scribe", Role(s, core::Role::kScribe));
  d.set("responders", List(s.responders, "handle"));
  d.set("participants", List(s.Participants(), "handle"));
  d.set("affected_components", List(s.impact.affected_components, "name"));
  SetText(d, "affected_components_text", Joined(s.impact.affected_components));
  SetText(d, "impact_summary", ImpactSummary(s));
  SetText(d, "customers_affected",
          s.impact.customers_affected ? std::to_string(*s.impact.customers_affected) : "");
  SetText(d, "customers_affected_pct",
          s.impact.customers_affected_pct ? Pct(*s.impact.customers_affected_pct) : "");
  SetText(d, "workaround", s.impact.workaround);
  SetText(d, "eta", s.impact.eta ? FormatClockTime(*s.impact.eta) : "");
  SetText(d, "revenue_impact", s.impact.revenue_impact);
  d.set("restricted", s.visibility == Visibility::kRestricted ? mustache::data::type::bool_true
                                                              : mustache::data::type::bool_false);
  SetText(d, "page_groups", Joined(level.page_groups));
  SetText(d, "executives", Joined(level.executive_notification));
}

// When things happened and are due, and what was found and done.
void SetTimeline(mustache::data& d, const engine::RenderInput& in, const SeverityLevel& level) {
  const IncidentState& s = *in.state;
  SetText(d, "start_time", FormatClockTime(s.ImpactStart()));
  std::optional<TimePoint> end = s.mitigated_at ? s.mitigated_at : s.resolved_at;
  SetText(d, "end_time", end ? FormatClockTime(*end) : "");
  SetText(d, "declared_at", FormatClockTime(s.declared_at));
  SetText(d, "detected_at", s.detected_at ? FormatClockTime(*s.detected_at) : "");
  SetText(d, "resolved_at", s.resolved_at ? FormatClockTime(*s.resolved_at) : "");
  SetText(d, "mitigated_at", s.mitigated_at ? FormatClockTime(*s.mitigated_at) : "");
  SetText(d, "duration",
          FormatDurationWords((s.resolved_at ? *s.resolved_at : in.now) - s.declared_at));
  if (in.next_update_deadline && IsOpen(s.status)) {
    TimePoint announced = AnnouncedNextUpdate(*in.next_update_deadline);
    SetText(d, "next_update", FormatClockTime(announced));
    SetText(d, "next_update_in",
            FormatDurationWords(std::max(Duration::zero(), announced - in.now)));
  } else {
    SetText(d, "next_update", "");
    SetText(d, "next_update_in", "");
  }
  d.set("update_frequency", level.update_cadence
                                ? "Every " + FormatDurationWords(*level.update_cadence)
                                : std::string());
  SetText(d, "root_cause", s.root_cause ? s.root_cause->summary : "");
  SetText(d, "root_cause_category", s.root_cause ? s.root_cause->category : "");
  SetText(d, "resolution", s.resolution);
  SetText(d, "mitigation", s.mitigation);
  std::string war_room, doc;
  for (const auto& l : s.links) {
    if (l.kind == "war-room" && war_room.empty()) war_room = l.url;
    if (l.kind == "incident-doc" && doc.empty()) doc = l.url;
  }
  SetText(d, "war_room", war_room);
  SetText(d, "incident_doc", doc);
  SetText(d, "pir_url", s.pir_url);
  d.set("has_pir",
        s.pir_url.empty() ? mustache::data::type::bool_false : mustache::data::type::bool_true);
  SetText(d, "pir_within",
          level.pir.kind == PirRequirement::Kind::kMandatory ? FormatDurationWords(level.pir.within)
                                                             : std::string());
}

}  // namespace

mustache::data TemplateContext(const engine::RenderInput& in, const std::string& organisation,
                               const std::string& support_contact) {
  mustache::data d;
  if (in.state && in.policy) {
    const SeverityLevel& level = in.policy->Level(in.state->severity);
    SetIncident(d, *in.state, level);
    SetTimeline(d, in, level);
  }
  SetText(d, "posted_at", PostedAt(in.now));
  SetText(d, "date", FormatDate(in.now));
  SetText(d, "organisation", organisation);
  SetText(d, "support_contact", support_contact);
  for (const auto& [name, value] : in.event_fields) SetText(d, name, value);
  return d;
}

}  // namespace warroom::notify
