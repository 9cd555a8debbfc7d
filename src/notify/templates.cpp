#include "notify/templates.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <kainjow/mustache.hpp>
#include <set>

#include "config/yaml_reader.hpp"
#include "core/clocks/next_update.hpp"
#include "notify/builtin_templates.hpp"

namespace warroom::notify {

namespace mustache = kainjow::mustache;
using namespace core;

namespace {

// Scalar fields of the rendering context.
const std::set<std::string>& ScalarFields() {
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
                                                "support_contact"};
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

int LineAt(const std::string& s, std::size_t pos) {
  return static_cast<int>(std::count(s.begin(), s.begin() + static_cast<long>(pos), '\n'));
}

std::string Trim(std::string s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

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

mustache::data Context(const engine::RenderInput& in, const std::string& organisation,
                       const std::string& support_contact) {
  const IncidentState& s = *in.state;
  const SeverityLevel& level = in.policy->Level(s.severity);
  mustache::data d;
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
  SetText(d, "posted_at", PostedAt(in.now));
  SetText(d, "date", FormatDate(in.now));
  SetText(d, "organisation", organisation);
  SetText(d, "support_contact", support_contact);
  return d;
}

}  // namespace

std::vector<std::string> TemplateFields() {
  std::vector<std::string> out(ScalarFields().begin(), ScalarFields().end());
  for (const auto& [list, items] : ListFields()) {
    out.push_back(list);
    for (const auto& i : items) out.push_back(list + "." + i);
  }
  return out;
}

std::vector<config::Problem> ValidateTemplate(const std::string& body, const std::string& file,
                                              int first_line, const std::string& key) {
  std::vector<config::Problem> problems;
  std::vector<std::string> sections;
  auto fail = [&](std::size_t pos, std::string msg) {
    problems.push_back(config::Problem{file, first_line + LineAt(body, pos), key, std::move(msg)});
  };
  std::size_t pos = 0;
  while ((pos = body.find("{{", pos)) != std::string::npos) {
    bool triple = body.compare(pos, 3, "{{{") == 0;
    std::size_t close = body.find(triple ? "}}}" : "}}", pos);
    if (close == std::string::npos) {
      fail(pos, "a tag is not closed with }}");
      break;
    }
    std::string tag = body.substr(pos + (triple ? 3 : 2), close - pos - (triple ? 3 : 2));
    std::size_t at = pos;
    pos = close + (triple ? 3 : 2);
    if (tag.empty()) continue;
    char sigil = tag[0];
    if (sigil == '!') continue;
    if (sigil == '=' || sigil == '>') {
      fail(at, std::string(sigil == '=' ? "changing delimiters" : "partials") +
                   " is not supported in templates");
      continue;
    }
    std::string name = Trim(std::string(
        sigil == '#' || sigil == '^' || sigil == '/' || sigil == '&' ? tag.substr(1) : tag));
    if (sigil == '/') {
      if (sections.empty() || sections.back() != name) {
        fail(at, "{{/" + name + "}} closes a section that is not open");
      } else {
        sections.pop_back();
      }
      continue;
    }
    bool known = ScalarFields().count(name) || ListFields().count(name) || name == ".";
    for (const auto& open : sections) {
      auto it = ListFields().find(open);
      if (it != ListFields().end() && it->second.count(name)) known = true;
    }
    if (!known) fail(at, "unknown field '" + name + "' (see docs/templates.md for the fields)");
    if (sigil == '#' || sigil == '^') sections.push_back(name);
  }
  if (!sections.empty()) fail(body.size(), "section {{#" + sections.back() + "}} is never closed");
  if (problems.empty()) {
    mustache::mustache m(body);
    if (!m.is_valid())
      problems.push_back(config::Problem{file, first_line, key, m.error_message()});
  }
  return problems;
}

TemplateSet::TemplateSet() {
  std::size_t n = 0;
  const TemplateSource* t = BuiltinTemplates(n);
  for (std::size_t i = 0; i < n; ++i)
    templates_[std::string(t[i].name)] =
        MessageTemplate{std::string(t[i].name), std::string(t[i].audience),
                        std::string(t[i].subject), std::string(t[i].body)};
}

std::vector<std::string> TemplateSet::Names() const {
  std::vector<std::string> out;
  for (const auto& [name, t] : templates_) out.push_back(name);
  return out;
}

std::vector<config::Problem> TemplateSet::LoadOverrides(const std::string& text,
                                                        const std::string& file) {
  std::vector<config::Problem> problems;
  if (auto p = config::NotUtf8Problem(text, file)) {
    problems.push_back(*p);
    return problems;
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    problems.push_back(
        config::Problem{file, static_cast<int>(e.mark.line) + 1, "", "not valid YAML: " + e.msg});
    return problems;
  }
  if (!root.IsMap()) {
    problems.push_back(config::Problem{file, 1, "", "the file must be a YAML map"});
    return problems;
  }
  auto templates = templates_;
  std::string organisation = organisation_, support = support_contact_;
  for (auto it = root.begin(); it != root.end(); ++it) {
    std::string key = it->first.as<std::string>("");
    int line = static_cast<int>(it->first.Mark().line) + 1;
    const YAML::Node v = it->second;
    if (key == "organisation" && v.IsScalar()) {
      organisation = v.as<std::string>();
    } else if (key == "support_contact" && v.IsScalar()) {
      support = v.as<std::string>();
    } else if (key == "templates" && v.IsMap()) {
      for (auto t = v.begin(); t != v.end(); ++t) {
        std::string name = t->first.as<std::string>("");
        std::string where = "templates." + name;
        int tline = static_cast<int>(t->first.Mark().line) + 1;
        const YAML::Node tv = t->second;
        if (!tv.IsMap()) {
          problems.push_back(config::Problem{file, tline, where,
                                             "must be a map with body (and audience, subject)"});
          continue;
        }
        MessageTemplate mt =
            templates.count(name) ? templates[name] : MessageTemplate{name, "internal", "", ""};
        for (auto f = tv.begin(); f != tv.end(); ++f) {
          std::string fk = f->first.as<std::string>("");
          const YAML::Node fv = f->second;
          // A block scalar's text starts on the line after its key.
          int fline = static_cast<int>(fv.Mark().line) + 1;
          if (!fv.IsScalar()) {
            problems.push_back(config::Problem{file, fline, where + "." + fk, "must be text"});
            continue;
          }
          std::string value = fv.as<std::string>();
          if (fk == "body" || fk == "subject") {
            // A block scalar (body: |) starts on the line after its key.
            int first = fline + (fline == static_cast<int>(f->first.Mark().line) + 1 &&
                                         value.find('\n') != std::string::npos
                                     ? 1
                                     : 0);
            auto ps = ValidateTemplate(value, file, first, where + "." + fk);
            problems.insert(problems.end(), ps.begin(), ps.end());
            (fk == "body" ? mt.body : mt.subject) = value;
          } else if (fk == "audience") {
            if (!ParseAudience(value).ok())
              problems.push_back(config::Problem{file, fline, where + ".audience",
                                                 ParseAudience(value).error().message});
            mt.audience = value;
          } else {
            problems.push_back(config::Problem{file, fline, where + "." + fk,
                                               "unknown key; expected body, subject or audience"});
          }
        }
        if (mt.body.empty())
          problems.push_back(config::Problem{file, tline, where, "needs a body"});
        templates[name] = mt;
      }
    } else if (key == "destinations" || key == "routes" || key == "responders" || key == "people") {
      // Read by LoadDestinations (notify/destinations.cpp).
    } else if (key == "alert_routing" || key == "integrations") {
      // Read by LoadIngestConfig (config/ingest_yaml.cpp).
    } else {
      problems.push_back(config::Problem{
          file, line, key,
          "unknown key or wrong type; expected organisation, support_contact, "
          "templates (a map), destinations, routes, responders, people, alert_routing, "
          "integrations"});
    }
  }
  if (problems.empty()) {
    templates_ = std::move(templates);
    organisation_ = organisation;
    support_contact_ = support;
  }
  return problems;
}

Result<engine::RenderedMessage> TemplateSet::Render(std::string_view name,
                                                    const engine::RenderInput& in) const {
  auto it = templates_.find(std::string(name));
  if (it == templates_.end()) {
    std::string names;
    for (const auto& n : Names()) names += (names.empty() ? "" : ", ") + n;
    return Error::NotFound("no template '" + std::string(name) + "': use one of " + names);
  }
  const MessageTemplate& t = it->second;
  mustache::data ctx = Context(in, organisation_, support_contact_);
  auto render = [&](const std::string& src) {
    mustache::mustache m(src);
    m.set_custom_escape([](const std::string& s) { return s; });
    return m.render(ctx);
  };
  return engine::RenderedMessage{t.name, t.audience, render(t.subject), render(t.body)};
}

}  // namespace warroom::notify
