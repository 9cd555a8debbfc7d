#include "api/incident_json.hpp"

#include "api/action_item_event_json.hpp"
#include "api/event_json.hpp"

namespace warroom::api {

namespace json = boost::json;
using namespace core;

namespace {

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::value DurationOrNull(std::optional<Duration> d) {
  if (!d) return nullptr;
  return std::chrono::duration_cast<std::chrono::seconds>(*d).count();
}

json::object EncodeMeasure(const Measure& m) {
  json::object o;
  o["seconds"] = DurationOrNull(m.value);
  // The text says the same whole seconds as "seconds" (measures come from
  // microsecond timestamps; FormatDuration alone would add milliseconds).
  o["text"] =
      m.value
          ? json::value(FormatDuration(std::chrono::duration_cast<std::chrono::seconds>(*m.value)))
          : json::value(nullptr);
  if (!m.value) o["undefined_reason"] = m.undefined_reason;
  if (m.target) {
    o["target_seconds"] = DurationOrNull(m.target);
    o["within_target"] = m.within_target ? json::value(*m.within_target) : json::value(nullptr);
  }
  return o;
}

// Every role, its holder's handle or null.
json::object EncodeRoles(const IncidentState& s) {
  json::object roles;
  for (Role r : kAllRoles) {
    auto it = s.roles.find(r);
    roles[RoleSlug(r)] = it == s.roles.end() ? json::value(nullptr) : json::value(it->second);
  }
  return roles;
}

json::value EncodeRootCause(const IncidentState& s) {
  if (!s.root_cause) return nullptr;
  return json::object{{"summary", s.root_cause->summary},
                      {"category", s.root_cause->category},
                      {"identified_at", FormatTime(s.root_cause->identified_at)}};
}

// The impact as it stands (unknown figures null), with when it started.
json::object EncodeImpactNow(const IncidentState& s) {
  json::object impact;
  impact["customers_affected"] = s.impact.customers_affected
                                     ? json::value(*s.impact.customers_affected)
                                     : json::value(nullptr);
  impact["customers_affected_pct"] = s.impact.customers_affected_pct
                                         ? json::value(*s.impact.customers_affected_pct)
                                         : json::value(nullptr);
  impact["affected_components"] = Strings(s.impact.affected_components);
  impact["workaround"] = s.impact.workaround;
  impact["eta"] = TimeOrNull(s.impact.eta);
  impact["revenue_impact"] = s.impact.revenue_impact;
  impact["impact_start"] = FormatTime(s.ImpactStart());
  return impact;
}

json::array EncodeTasks(const std::vector<Task>& ts) {
  json::array tasks;
  for (const Task& t : ts) {
    tasks.push_back(json::object{{"id", t.id},
                                 {"title", t.title},
                                 {"assignee", t.assignee},
                                 {"done", t.done},
                                 {"created_at", FormatTime(t.created_at)},
                                 {"done_at", TimeOrNull(t.done_at)}});
  }
  return tasks;
}

json::array EncodeLinks(const std::vector<Link>& ls) {
  json::array links;
  for (const Link& l : ls)
    links.push_back(json::object{{"kind", l.kind}, {"url", l.url}, {"title", l.title}});
  return links;
}

json::array EncodeAlertGroups(const std::vector<AlertGroupRef>& gs) {
  json::array groups;
  for (const AlertGroupRef& g : gs)
    groups.push_back(json::object{{"integration", g.integration},
                                  {"group_key", g.group_key},
                                  {"summary", g.summary},
                                  {"attached_at", FormatTime(g.attached_at)},
                                  {"firing", g.firing}});
  return groups;
}

}  // namespace

json::object EncodeState(const IncidentState& s) {
  json::object o;
  o["id"] = s.id;
  o["severity"] = SeverityName(s.severity);
  o["severity_alias"] = SeverityAlias(s.severity);
  o["status"] = StatusName(s.status);
  o["open"] = IsOpen(s.status);
  o["summary"] = s.summary;
  o["visibility"] = VisibilityName(s.visibility);
  o["source"] = DetectionSourceName(s.source);
  o["policy_version"] = s.policy_version;
  o["declared_by"] = s.declared_by;
  o["declared_at"] = FormatTime(s.declared_at);
  o["detected_at"] = TimeOrNull(s.detected_at);
  o["acknowledged_at"] = TimeOrNull(s.first_acknowledged_at);
  o["acknowledged_by"] = Strings(s.acknowledged_by);
  o["roles"] = EncodeRoles(s);
  o["responders"] = Strings(s.responders);
  o["root_cause"] = EncodeRootCause(s);
  o["identified_at"] = TimeOrNull(s.first_identified_at);
  o["mitigated_at"] = TimeOrNull(s.mitigated_at);
  o["mitigation"] = s.mitigation;
  o["resolved_at"] = TimeOrNull(s.resolved_at);
  o["resolution"] = s.resolution;
  o["closed_at"] = TimeOrNull(s.closed_at);
  o["pir_url"] = s.pir_url;
  o["dismissed_reason"] = s.dismissed_reason ? json::value(DismissReasonName(*s.dismissed_reason))
                                             : json::value(nullptr);
  o["reopen_count"] = s.reopen_count;
  o["impact"] = EncodeImpactNow(s);
  o["tasks"] = EncodeTasks(s.tasks);
  json::array items;
  for (const ActionItem& a : s.action_items) items.push_back(EncodeActionItem(a));
  o["action_items"] = std::move(items);
  o["links"] = EncodeLinks(s.links);
  o["alert_groups"] = EncodeAlertGroups(s.alert_groups);
  o["note_count"] = s.note_count;
  o["update_count"] = s.update_count;
  o["last_update_at"] = TimeOrNull(s.last_update_at);
  o["updated_at"] = FormatTime(s.updated_at);
  o["last_seq"] = s.last_seq;
  return o;
}

json::array EncodeClocks(const std::vector<ClockView>& clocks) {
  json::array a;
  for (const ClockView& c : clocks) {
    json::object o;
    o["clock"] = ClockKindName(c.kind);
    o["status"] = ClockStatusName(c.status);
    o["started_at"] = TimeOrNull(c.started_at);
    o["due_at"] = TimeOrNull(c.due_at);
    o["met_at"] = TimeOrNull(c.met_at);
    o["retroactive"] = c.retroactive;
    if (c.kind == ClockKind::kUpdate) o["missed_updates"] = c.missed_updates;
    o["note"] = c.note;
    a.push_back(std::move(o));
  }
  return a;
}

json::object EncodeMetrics(const IncidentMetrics& m) {
  json::object o;
  o["excluded"] = m.excluded;
  o["mttd"] = EncodeMeasure(m.mttd);
  o["mtta"] = EncodeMeasure(m.mtta);
  o["mtti"] = EncodeMeasure(m.mtti);
  o["mttm"] = EncodeMeasure(m.mttm);
  o["mttr"] = EncodeMeasure(m.mttr);
  o["impact_duration"] = EncodeMeasure(m.impact_duration);
  o["incident_duration"] = EncodeMeasure(m.incident_duration);
  return o;
}

json::object EncodeListRow(const IncidentState& s) {
  return json::object{{"id", s.id},
                      {"severity", SeverityName(s.severity)},
                      {"status", StatusName(s.status)},
                      {"open", IsOpen(s.status)},
                      {"summary", s.summary},
                      {"visibility", VisibilityName(s.visibility)},
                      {"commander", s.Commander()},
                      {"declared_at", FormatTime(s.declared_at)},
                      {"updated_at", FormatTime(s.updated_at)}};
}

namespace {

json::value DeadlineJson(const Deadline& d) {
  switch (d.kind) {
    case Deadline::Kind::kNone:
      return nullptr;
    case Deadline::Kind::kWithin:
      return json::object{{"within", FormatDuration(d.within)}};
    case Deadline::Kind::kCloseOfNextBusinessDay:
      return json::object{{"by", "close-of-next-business-day"}};
  }
  return nullptr;
}

json::value CustomerJson(const CustomerCommunication& c) {
  switch (c.kind) {
    case CustomerCommunication::Kind::kNone:
      return nullptr;
    case CustomerCommunication::Kind::kWithin:
      return json::object{{"within", FormatDuration(c.within)}};
    case CustomerCommunication::Kind::kWhenCustomersOver:
      return json::object{{"when_customers_over", c.customers_over}};
    case CustomerCommunication::Kind::kDirectToAffected:
      return json::object{{"direct_to_affected", true}};
  }
  return nullptr;
}

json::value PirJson(const PirRequirement& p) {
  switch (p.kind) {
    case PirRequirement::Kind::kNone:
      return nullptr;
    case PirRequirement::Kind::kOptional:
      return json::object{{"optional", true}};
    case PirRequirement::Kind::kMandatory:
      return json::object{{"within", FormatDuration(p.within)}};
  }
  return nullptr;
}

}  // namespace

json::object EncodePolicy(const Policy& p) {
  json::object o;
  o["version"] = p.version;
  json::array levels;
  for (const SeverityLevel& l : p.levels) {
    json::object lo;
    lo["severity"] = SeverityName(l.severity);
    lo["alias"] = SeverityAlias(l.severity);
    lo["name"] = l.name;
    lo["definition"] = l.definition;
    lo["examples"] = Strings(l.examples);
    lo["impact"] = Strings(l.impact);
    lo["time_basis"] = l.time_basis == TimeBasis::kWall ? "wall" : "business";
    lo["acknowledge"] = DeadlineJson(l.acknowledge);
    lo["page"] = Strings(l.page_groups);
    lo["chat_notification"] = l.chat_notification;
    lo["update_cadence"] =
        l.update_cadence ? json::value(FormatDuration(*l.update_cadence)) : nullptr;
    lo["customer_communication"] = CustomerJson(l.customer_communication);
    lo["executive_notification"] = Strings(l.executive_notification);
    lo["target_resolution"] = json::object{{"min", FormatDuration(l.target_resolution_min)},
                                           {"max", FormatDuration(l.target_resolution_max)}};
    lo["post_incident_review"] = PirJson(l.pir);
    levels.push_back(std::move(lo));
  }
  o["severities"] = std::move(levels);
  const BusinessHours& b = p.business_hours;
  json::array days;
  for (unsigned d : b.days) days.emplace_back(d);
  json::array holidays;
  for (const auto& h : b.holidays) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(h.year()), unsigned(h.month()),
                  unsigned(h.day()));
    holidays.emplace_back(buf);
  }
  auto hhmm = [](std::chrono::minutes m) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", int(m.count() / 60), int(m.count() % 60));
    return std::string(buf);
  };
  o["business_hours"] = json::object{{"time_zone", b.time_zone},
                                     {"days", std::move(days)},
                                     {"start", hhmm(b.start)},
                                     {"end", hhmm(b.end)},
                                     {"holidays", std::move(holidays)}};
  json::array roles;
  for (const RoleDefinition& r : p.roles) {
    roles.push_back(json::object{{"role", RoleSlug(r.role)},
                                 {"title", RoleTitle(r.role)},
                                 {"responsibilities", Strings(r.responsibilities)},
                                 {"authority", Strings(r.authority)},
                                 {"who", r.who},
                                 {"groups", Strings(r.groups)}});
  }
  o["roles"] = std::move(roles);
  json::array targets;
  for (const MetricTarget& t : p.targets) {
    targets.push_back(json::object{{"metric", t.metric},
                                   {"severity", SeverityName(t.severity)},
                                   {"below", FormatDuration(t.below)}});
  }
  o["metric_targets"] = std::move(targets);
  o["root_cause_categories"] = Strings(p.root_cause_categories);
  o["classifier"] = json::object{{"p0_above_pct", p.classifier.p0_above_pct},
                                 {"p1_from_pct", p.classifier.p1_from_pct},
                                 {"p2_from_pct", p.classifier.p2_from_pct}};
  o["stability_before_resolve"] = FormatDuration(p.stability_before_resolve);
  return o;
}

}  // namespace warroom::api
