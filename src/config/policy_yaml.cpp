#include "config/policy_yaml.hpp"
#include "config/yaml_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

namespace warroom::config {

using namespace core;

std::string Problem::ToString() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  out += ": ";
  if (!key.empty()) out += key + ": ";
  return out + message;
}

namespace {

constexpr std::string_view kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

class Parser {
 public:
  Parser(std::string file, std::vector<Problem>& problems)
      : file_(std::move(file)), problems_(problems) {}

  void Fail(const YAML::Node& n, const std::string& key, const std::string& msg) {
    int line = n.IsDefined() ? static_cast<int>(n.Mark().line) + 1 : 0;
    problems_.push_back(Problem{file_, line, key, msg});
  }

  // Reports keys of `map` that are not in `known`.
  void OnlyKeys(const YAML::Node& map, const std::string& where,
                std::initializer_list<std::string_view> known) {
    if (!map.IsMap()) return;
    for (auto it = map.begin(); it != map.end(); ++it) {
      std::string k = it->first.as<std::string>("");
      if (std::find(known.begin(), known.end(), k) == known.end()) {
        std::string list;
        for (auto s : known) list += (list.empty() ? "" : ", ") + std::string(s);
        Fail(it->first, Join(where, k), "unknown key; expected one of " + list);
      }
    }
  }

  static std::string Join(const std::string& a, const std::string& b) {
    return a.empty() ? b : a + "." + b;
  }

  bool String(const YAML::Node& n, const std::string& key, std::string& out) {
    if (!n.IsDefined()) return false;
    if (!n.IsScalar()) {
      Fail(n, key, "must be a text value");
      return false;
    }
    out = n.as<std::string>();
    return true;
  }

  void Strings(const YAML::Node& n, const std::string& key, std::vector<std::string>& out) {
    if (!n.IsDefined()) return;
    if (n.IsNull()) {
      out.clear();
      return;
    }
    if (!n.IsSequence()) {
      Fail(n, key, "must be a list, such as [a, b]");
      return;
    }
    out.clear();
    for (const auto& e : n) {
      if (!e.IsScalar()) {
        Fail(e, key, "every entry must be a text value");
        continue;
      }
      out.push_back(e.as<std::string>());
    }
  }

  bool Dur(const YAML::Node& n, const std::string& key, Duration& out) {
    std::string s;
    if (!String(n, key, s)) return false;
    auto d = ParseDuration(s);
    if (!d.ok()) {
      Fail(n, key, d.error().message);
      return false;
    }
    out = *d;
    return true;
  }

  bool IsNone(const YAML::Node& n) {
    return n.IsNull() ||
           (n.IsScalar() && (n.as<std::string>() == "none" || n.as<std::string>() == "false"));
  }

  void Number(const YAML::Node& n, const std::string& key, double& out) {
    if (!n.IsDefined()) return;
    try {
      out = n.as<double>();
    } catch (const YAML::Exception&) {
      Fail(n, key, "must be a number");
    }
  }

  void Level(const YAML::Node& n, const std::string& where, SeverityLevel& l) {
    if (!n.IsMap()) {
      Fail(n, where, "must be a map of the level's requirements");
      return;
    }
    OnlyKeys(n, where,
             {"name", "definition", "examples", "impact", "time_basis", "acknowledge", "page",
              "chat_notification", "update_cadence", "customer_communication",
              "executive_notification", "target_resolution", "post_incident_review"});
    String(n["name"], Join(where, "name"), l.name);
    String(n["definition"], Join(where, "definition"), l.definition);
    Strings(n["examples"], Join(where, "examples"), l.examples);
    Strings(n["impact"], Join(where, "impact"), l.impact);
    if (std::string tb; String(n["time_basis"], Join(where, "time_basis"), tb)) {
      if (tb == "wall")
        l.time_basis = TimeBasis::kWall;
      else if (tb == "business")
        l.time_basis = TimeBasis::kBusiness;
      else
        Fail(n["time_basis"], Join(where, "time_basis"), "must be wall or business");
    }
    if (auto a = n["acknowledge"]; a.IsDefined()) {
      std::string k = Join(where, "acknowledge");
      if (IsNone(a))
        l.acknowledge = Deadline::None();
      else if (a.IsScalar() && a.as<std::string>() == "close-of-next-business-day")
        l.acknowledge = Deadline::CloseOfNextBusinessDay();
      else if (Duration d; Dur(a, k, d))
        l.acknowledge = Deadline::Within(d);
    }
    Strings(n["page"], Join(where, "page"), l.page_groups);
    if (auto c = n["chat_notification"]; c.IsDefined()) {
      try {
        l.chat_notification = c.as<bool>();
      } catch (const YAML::Exception&) {
        Fail(c, Join(where, "chat_notification"), "must be true or false");
      }
    }
    if (auto u = n["update_cadence"]; u.IsDefined()) {
      if (IsNone(u))
        l.update_cadence.reset();
      else if (Duration d; Dur(u, Join(where, "update_cadence"), d))
        l.update_cadence = d;
    }
    if (auto c = n["customer_communication"]; c.IsDefined()) {
      std::string k = Join(where, "customer_communication");
      CustomerCommunication& cc = l.customer_communication;
      if (IsNone(c)) {
        cc = {};
      } else if (c.IsScalar() && c.as<std::string>() == "direct-to-affected") {
        cc = {CustomerCommunication::Kind::kDirectToAffected, {}, 0};
      } else if (c.IsMap()) {
        OnlyKeys(c, k, {"within", "when_customers_over"});
        if (c["within"].IsDefined()) {
          Duration d{};
          if (Dur(c["within"], Join(k, "within"), d))
            cc = {CustomerCommunication::Kind::kWithin, d, 0};
        } else if (c["when_customers_over"].IsDefined()) {
          double v = 0;
          Number(c["when_customers_over"], Join(k, "when_customers_over"), v);
          cc = {CustomerCommunication::Kind::kWhenCustomersOver, {}, static_cast<int>(v)};
        } else {
          Fail(c, k, "give 'within' or 'when_customers_over'");
        }
      } else {
        Fail(c, k, "must be none, direct-to-affected, {within: 15m} or {when_customers_over: 10}");
      }
    }
    Strings(n["executive_notification"], Join(where, "executive_notification"),
            l.executive_notification);
    if (auto t = n["target_resolution"]; t.IsDefined()) {
      std::string k = Join(where, "target_resolution");
      if (!t.IsMap()) {
        Fail(t, k, "must be {min: 1h, max: 4h}");
      } else {
        OnlyKeys(t, k, {"min", "max"});
        Dur(t["min"], Join(k, "min"), l.target_resolution_min);
        Dur(t["max"], Join(k, "max"), l.target_resolution_max);
      }
    }
    if (auto p = n["post_incident_review"]; p.IsDefined()) {
      std::string k = Join(where, "post_incident_review");
      if (IsNone(p)) {
        l.pir = {};
      } else if (p.IsScalar() && p.as<std::string>() == "optional") {
        l.pir = {PirRequirement::Kind::kOptional, {}};
      } else if (p.IsMap()) {
        OnlyKeys(p, k, {"within"});
        Duration d{};
        if (Dur(p["within"], Join(k, "within"), d)) l.pir = {PirRequirement::Kind::kMandatory, d};
      } else {
        Fail(p, k, "must be none, optional or {within: 48h}");
      }
    }
  }

  void Minutes(const YAML::Node& n, const std::string& key, std::chrono::minutes& out) {
    std::string s;
    if (!String(n, key, s)) return;
    int h = -1, m = -1;
    char extra;
    if (std::sscanf(s.c_str(), "%d:%d%c", &h, &m, &extra) != 2 || h < 0 || h > 24 || m < 0 ||
        m > 59) {
      Fail(n, key, "must be a time of day such as \"09:00\"");
      return;
    }
    out = std::chrono::minutes(h * 60 + m);
  }

  void Business(const YAML::Node& n, BusinessHours& b) {
    const std::string where = "business_hours";
    if (!n.IsMap()) {
      Fail(n, where, "must be a map");
      return;
    }
    OnlyKeys(n, where, {"time_zone", "days", "start", "end", "holidays"});
    String(n["time_zone"], "business_hours.time_zone", b.time_zone);
    if (auto d = n["days"]; d.IsDefined()) {
      std::vector<std::string> names;
      Strings(d, "business_hours.days", names);
      b.days.clear();
      for (const auto& name : names) {
        auto it = std::find(std::begin(kDayNames), std::end(kDayNames), name);
        if (it == std::end(kDayNames))
          Fail(d, "business_hours.days", "'" + name + "' is not a day: use mon, tue, ...");
        else
          b.days.push_back(static_cast<unsigned>(it - std::begin(kDayNames)));
      }
    }
    Minutes(n["start"], "business_hours.start", b.start);
    Minutes(n["end"], "business_hours.end", b.end);
    if (auto h = n["holidays"]; h.IsDefined()) {
      std::vector<std::string> days;
      Strings(h, "business_hours.holidays", days);
      b.holidays.clear();
      for (const auto& s : days) {
        int y = 0;
        unsigned mo = 0, d = 0;
        char extra;
        std::chrono::year_month_day ymd{};
        if (std::sscanf(s.c_str(), "%d-%u-%u%c", &y, &mo, &d, &extra) == 3)
          ymd = std::chrono::year_month_day{std::chrono::year(y), std::chrono::month(mo),
                                            std::chrono::day(d)};
        if (!ymd.ok())
          Fail(h, "business_hours.holidays", "'" + s + "' is not a date such as 2026-12-25");
        else
          b.holidays.push_back(ymd);
      }
    }
  }

  void Roles(const YAML::Node& n, std::vector<RoleDefinition>& roles) {
    if (!n.IsMap()) {
      Fail(n, "roles", "must be a map from role to its definition");
      return;
    }
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string name = it->first.as<std::string>("");
      auto role = ParseRole(name);
      std::string where = "roles." + name;
      if (!role.ok()) {
        Fail(it->first, where, role.error().message);
        continue;
      }
      auto def = std::find_if(roles.begin(), roles.end(),
                              [&](const RoleDefinition& d) { return d.role == *role; });
      if (def == roles.end())
        def = roles.insert(roles.end(), RoleDefinition{*role, {}, {}, {}, {}});
      const YAML::Node v = it->second;
      // yaml-cpp throws when a scalar is indexed (found by fuzz/policy_yaml.cpp).
      if (!v.IsMap()) {
        Fail(v, where, "must be a map of responsibilities, authority, who and groups");
        continue;
      }
      OnlyKeys(v, where, {"responsibilities", "authority", "who", "groups"});
      Strings(v["responsibilities"], Join(where, "responsibilities"), def->responsibilities);
      Strings(v["authority"], Join(where, "authority"), def->authority);
      String(v["who"], Join(where, "who"), def->who);
      Strings(v["groups"], Join(where, "groups"), def->groups);
    }
  }

  void Targets(const YAML::Node& n, std::vector<MetricTarget>& targets) {
    if (!n.IsSequence()) {
      Fail(n, "metric_targets", "must be a list of {metric, severity, below}");
      return;
    }
    targets.clear();
    static const std::set<std::string> kMetrics = {"mttd", "mtta", "mtti", "mttm", "mttr"};
    for (const auto& t : n) {
      if (!t.IsMap()) {
        Fail(t, "metric_targets", "each entry must be a map {metric, severity, below}");
        continue;
      }
      OnlyKeys(t, "metric_targets", {"metric", "severity", "below"});
      MetricTarget mt;
      String(t["metric"], "metric_targets.metric", mt.metric);
      if (!kMetrics.count(mt.metric))
        Fail(t, "metric_targets.metric", "must be mttd, mtta, mtti, mttm or mttr");
      std::string sev;
      if (String(t["severity"], "metric_targets.severity", sev)) {
        auto s = ParseSeverity(sev);
        if (s.ok())
          mt.severity = *s;
        else
          Fail(t["severity"], "metric_targets.severity", s.error().message);
      }
      Dur(t["below"], "metric_targets.below", mt.below);
      targets.push_back(mt);
    }
  }

  void Policy(const YAML::Node& root, core::Policy& p) {
    if (!root.IsMap()) {
      Fail(root, "", "a policy file is a YAML map (see docs/policy.example.yaml)");
      return;
    }
    OnlyKeys(root, "",
             {"version", "severities", "business_hours", "roles", "metric_targets",
              "root_cause_categories", "classifier", "stability_before_resolve"});
    if (!String(root["version"], "version", p.version))
      Fail(root, "version",
           "required: name this policy so every incident records which one it ran under");
    if (auto s = root["severities"]; s.IsDefined()) {
      if (!s.IsMap()) {
        Fail(s, "severities", "must be a map from P0..P3 to the level");
      } else {
        for (auto it = s.begin(); it != s.end(); ++it) {
          std::string name = it->first.as<std::string>("");
          auto sev = ParseSeverity(name);
          if (!sev.ok()) {
            Fail(it->first, "severities." + name, sev.error().message);
            continue;
          }
          Level(it->second, "severities." + std::string(SeverityName(*sev)),
                p.levels[static_cast<int>(*sev)]);
        }
      }
    }
    if (auto b = root["business_hours"]; b.IsDefined()) Business(b, p.business_hours);
    if (auto r = root["roles"]; r.IsDefined()) Roles(r, p.roles);
    if (auto t = root["metric_targets"]; t.IsDefined()) Targets(t, p.targets);
    Strings(root["root_cause_categories"], "root_cause_categories", p.root_cause_categories);
    if (auto c = root["classifier"]; c.IsDefined()) {
      OnlyKeys(c, "classifier", {"p0_above_pct", "p1_from_pct", "p2_from_pct"});
      Number(c["p0_above_pct"], "classifier.p0_above_pct", p.classifier.p0_above_pct);
      Number(c["p1_from_pct"], "classifier.p1_from_pct", p.classifier.p1_from_pct);
      Number(c["p2_from_pct"], "classifier.p2_from_pct", p.classifier.p2_from_pct);
    }
    Dur(root["stability_before_resolve"], "stability_before_resolve", p.stability_before_resolve);
  }

 private:
  std::string file_;
  std::vector<Problem>& problems_;
};

}  // namespace

PolicyLoad ParsePolicy(const std::string& text, const std::string& file) {
  PolicyLoad out;
  out.policy = DefaultPolicy();
  out.policy.version.clear();
  if (auto p = NotUtf8Problem(text, file)) {
    out.problems.push_back(*p);
    return out;
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    out.problems.push_back(
        Problem{file, static_cast<int>(e.mark.line) + 1, "", "not valid YAML: " + e.msg});
    return out;
  }
  Parser parser(file, out.problems);
  try {
    parser.Policy(root, out.policy);
  } catch (const YAML::Exception& e) {
    // A shape the reader does not check yet makes yaml-cpp throw; a problem
    // with its line, never the end of the program (as fuzzing found twice).
    out.problems.push_back(
        Problem{file, static_cast<int>(e.mark.line) + 1, "", "cannot be read: " + e.msg});
    return out;
  }
  if (out.problems.empty()) {
    for (const auto& msg : ValidatePolicy(out.policy)) {
      auto colon = msg.find(": ");
      std::string key = msg.substr(0, colon);
      // Point at the line of the first path segment we can find.
      // (YAML::Node assignment writes through; reset() rebinds.)
      int line = 0;
      YAML::Node n;
      n.reset(root);
      std::stringstream path(key);
      std::string seg;
      while (std::getline(path, seg, '.')) {
        const YAML::Node& cur = n;
        if (!cur.IsMap()) break;
        YAML::Node next = cur[seg];
        if (!next.IsDefined()) break;
        n.reset(next);
        line = static_cast<int>(n.Mark().line) + 1;
      }
      out.problems.push_back(Problem{file, line, key, msg.substr(colon + 2)});
    }
  }
  return out;
}

PolicyLoad LoadPolicyFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    PolicyLoad out;
    out.problems.push_back(
        Problem{path, 0, "", "cannot read the file (check the path and its permissions)"});
    return out;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ParsePolicy(ss.str(), path);
}

namespace {

std::string Quote(const std::string& s) {
  YAML::Emitter e;
  e << YAML::DoubleQuoted << s;
  return e.c_str();
}

std::string List(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + Quote(v[i]);
  return out + "]";
}

std::string Hhmm(std::chrono::minutes m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", int(m.count() / 60), int(m.count() % 60));
  return buf;
}

}  // namespace

std::string PolicyToYaml(const core::Policy& p) {
  std::ostringstream o;
  o << "# warroom severity policy. Keys left out keep the built-in default.\n";
  o << "version: " << Quote(p.version) << "\n";
  o << "stability_before_resolve: " << FormatDuration(p.stability_before_resolve) << "\n";
  o << "business_hours:\n  time_zone: " << Quote(p.business_hours.time_zone) << "\n  days: [";
  for (std::size_t i = 0; i < p.business_hours.days.size(); ++i)
    o << (i ? ", " : "") << kDayNames[p.business_hours.days[i]];
  o << "]\n  start: \"" << Hhmm(p.business_hours.start) << "\"\n  end: \""
    << Hhmm(p.business_hours.end) << "\"\n";
  o << "  holidays: [";
  for (std::size_t i = 0; i < p.business_hours.holidays.size(); ++i) {
    const auto& h = p.business_hours.holidays[i];
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(h.year()), unsigned(h.month()),
                  unsigned(h.day()));
    o << (i ? ", " : "") << buf;
  }
  o << "]\n";
  o << "severities:\n";
  for (const SeverityLevel& l : p.levels) {
    o << "  " << SeverityName(l.severity) << ":  # " << SeverityAlias(l.severity) << "\n";
    o << "    name: " << Quote(l.name) << "\n";
    o << "    definition: " << Quote(l.definition) << "\n";
    o << "    examples: " << List(l.examples) << "\n";
    o << "    impact: " << List(l.impact) << "\n";
    o << "    time_basis: " << (l.time_basis == TimeBasis::kWall ? "wall" : "business") << "\n";
    o << "    acknowledge: "
      << (l.acknowledge.kind == Deadline::Kind::kNone ? std::string("none")
          : l.acknowledge.kind == Deadline::Kind::kCloseOfNextBusinessDay
              ? std::string("close-of-next-business-day")
              : FormatDuration(l.acknowledge.within))
      << "\n";
    o << "    page: " << List(l.page_groups) << "\n";
    o << "    chat_notification: " << (l.chat_notification ? "true" : "false") << "\n";
    o << "    update_cadence: " << (l.update_cadence ? FormatDuration(*l.update_cadence) : "none")
      << "\n";
    const auto& c = l.customer_communication;
    o << "    customer_communication: ";
    switch (c.kind) {
      case CustomerCommunication::Kind::kNone:
        o << "none";
        break;
      case CustomerCommunication::Kind::kWithin:
        o << "{within: " << FormatDuration(c.within) << "}";
        break;
      case CustomerCommunication::Kind::kWhenCustomersOver:
        o << "{when_customers_over: " << c.customers_over << "}";
        break;
      case CustomerCommunication::Kind::kDirectToAffected:
        o << "direct-to-affected";
        break;
    }
    o << "\n    executive_notification: " << List(l.executive_notification) << "\n";
    o << "    target_resolution: {min: " << FormatDuration(l.target_resolution_min)
      << ", max: " << FormatDuration(l.target_resolution_max) << "}\n";
    o << "    post_incident_review: ";
    switch (l.pir.kind) {
      case PirRequirement::Kind::kNone:
        o << "none";
        break;
      case PirRequirement::Kind::kOptional:
        o << "optional";
        break;
      case PirRequirement::Kind::kMandatory:
        o << "{within: " << FormatDuration(l.pir.within) << "}";
        break;
    }
    o << "\n";
  }
  o << "roles:\n";
  for (const RoleDefinition& r : p.roles) {
    o << "  " << RoleSlug(r.role) << ":\n";
    o << "    responsibilities: " << List(r.responsibilities) << "\n";
    o << "    authority: " << List(r.authority) << "\n";
    o << "    who: " << Quote(r.who) << "\n";
    o << "    groups: " << List(r.groups) << "\n";
  }
  o << "metric_targets:\n";
  for (const MetricTarget& t : p.targets)
    o << "  - {metric: " << t.metric << ", severity: " << SeverityName(t.severity)
      << ", below: " << FormatDuration(t.below) << "}\n";
  o << "root_cause_categories: " << List(p.root_cause_categories) << "\n";
  char buf[160];
  std::snprintf(buf, sizeof buf,
                "classifier: {p0_above_pct: %g, p1_from_pct: %g, p2_from_pct: %g}\n",
                p.classifier.p0_above_pct, p.classifier.p1_from_pct, p.classifier.p2_from_pct);
  o << buf;
  return o.str();
}

}  // namespace warroom::config
