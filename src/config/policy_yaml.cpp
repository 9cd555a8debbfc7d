#include "config/policy_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "config/business_hours_yaml.hpp"
#include "config/metric_targets_yaml.hpp"
#include "config/policy_reader.hpp"
#include "config/roles_yaml.hpp"
#include "config/severity_level_yaml.hpp"
#include "config/yaml_reader.hpp"

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

void ReadSeverities(PolicyReader& r, const YAML::Node& s, core::Policy& p) {
  if (!s.IsMap()) {
    r.Fail(s, "severities", "must be a map from P0..P3 to the level");
    return;
  }
  for (auto it = s.begin(); it != s.end(); ++it) {
    std::string name = it->first.as<std::string>("");
    auto sev = ParseSeverity(name);
    if (!sev.ok()) {
      r.Fail(it->first, "severities." + name, sev.error().message);
      continue;
    }
    ReadSeverityLevel(r, it->second, "severities." + std::string(SeverityName(*sev)),
                      p.levels[static_cast<int>(*sev)]);
  }
}

// The whole file over the built-in policy `p`, section by section.
void ReadPolicy(PolicyReader& r, const YAML::Node& root, core::Policy& p) {
  if (!root.IsMap()) {
    r.Fail(root, "", "a policy file is a YAML map (see docs/policy.example.yaml)");
    return;
  }
  r.ExpectKeys(root, "",
               {"version", "severities", "business_hours", "roles", "metric_targets",
                "root_cause_categories", "classifier", "stability_before_resolve"});
  if (!root["version"].IsDefined())
    r.Fail(root, "version",
           "required: name this policy so every incident records which one it ran under");
  else
    r.String(root["version"], "version", p.version);
  if (auto s = root["severities"]; s.IsDefined()) ReadSeverities(r, s, p);
  if (auto b = root["business_hours"]; b.IsDefined()) ReadBusinessHours(r, b, p.business_hours);
  if (auto ro = root["roles"]; ro.IsDefined()) ReadRoles(r, ro, p.roles);
  if (auto t = root["metric_targets"]; t.IsDefined()) ReadMetricTargets(r, t, p.targets);
  r.Strings(root["root_cause_categories"], "root_cause_categories", p.root_cause_categories);
  if (auto c = root["classifier"]; c.IsDefined()) {
    r.ExpectKeys(c, "classifier", {"p0_above_pct", "p1_from_pct", "p2_from_pct"});
    r.Percent(c["p0_above_pct"], "classifier.p0_above_pct", p.classifier.p0_above_pct);
    r.Percent(c["p1_from_pct"], "classifier.p1_from_pct", p.classifier.p1_from_pct);
    r.Percent(c["p2_from_pct"], "classifier.p2_from_pct", p.classifier.p2_from_pct);
  }
  r.Dur(root["stability_before_resolve"], "stability_before_resolve", p.stability_before_resolve);
}

// The line of the deepest node of dotted `key` ("severities.P1.page") that
// the file has, so a validation problem points where it can; 0 for none.
int LineOfKey(const YAML::Node& root, const std::string& key) {
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
  return line;
}

}  // namespace

PolicyLoad ParsePolicy(const std::string& text, const std::string& file) {
  PolicyLoad out;
  out.policy = DefaultPolicy();
  out.policy.version.clear();
  if (auto p = NotTextProblem(text, file)) {
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
  PolicyReader reader(file, out.problems);
  try {
    ReadPolicy(reader, root, out.policy);
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
      out.problems.push_back(Problem{file, LineOfKey(root, key), key, msg.substr(colon + 2)});
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

std::string PolicyToYaml(const core::Policy& p) {
  std::ostringstream o;
  o << "# warroom severity policy. Keys left out keep the built-in default.\n";
  o << "version: " << Quote(p.version) << "\n";
  o << "stability_before_resolve: " << FormatDuration(p.stability_before_resolve) << "\n";
  WriteBusinessHours(o, p.business_hours);
  o << "severities:\n";
  for (const SeverityLevel& l : p.levels) WriteSeverityLevel(o, l);
  WriteRoles(o, p.roles);
  WriteMetricTargets(o, p.targets);
  o << "root_cause_categories: " << List(p.root_cause_categories) << "\n";
  // %.17g: every double reads back as itself (%g kept six digits, and the
  // fuzzer's round trip found a percentage that did not survive it).
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "classifier: {p0_above_pct: %.17g, p1_from_pct: %.17g, p2_from_pct: %.17g}\n",
                p.classifier.p0_above_pct, p.classifier.p1_from_pct, p.classifier.p2_from_pct);
  o << buf;
  return o.str();
}

}  // namespace warroom::config
