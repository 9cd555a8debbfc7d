#include "config/ingest_yaml.hpp"

#include <re2/re2.h>

#include <cctype>

#include "config/yaml_reader.hpp"

namespace warroom::config {

namespace {

std::string Trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

// yaml-cpp throws when asked the type of a key that is not there.
bool IsList(const YAML::Node& n) { return n.IsDefined() && n.IsSequence(); }
bool IsMap(const YAML::Node& n) { return n.IsDefined() && n.IsMap(); }

bool IsLabelChar(char c, bool first) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         (!first && std::isdigit(static_cast<unsigned char>(c)));
}

}  // namespace

std::optional<core::LabelMatcher> ParseMatcher(const std::string& text, std::string* error) {
  using Op = core::LabelMatcher::Op;
  std::string s = Trim(text);
  std::size_t i = 0;
  while (i < s.size() && IsLabelChar(s[i], i == 0)) ++i;
  core::LabelMatcher m;
  m.label = s.substr(0, i);
  if (m.label.empty()) {
    *error = "'" + text + "' does not start with a label name";
    return std::nullopt;
  }
  std::string rest = Trim(s.substr(i));
  if (rest.rfind("=~", 0) == 0) {
    m.op = Op::kRegex;
  } else if (rest.rfind("!~", 0) == 0) {
    m.op = Op::kNotRegex;
  } else if (rest.rfind("!=", 0) == 0) {
    m.op = Op::kNotEqual;
  } else if (rest.rfind("=", 0) == 0) {
    m.op = Op::kEqual;
  } else {
    *error = "'" + text + "' has no operator: use =, !=, =~ or !~";
    return std::nullopt;
  }
  std::string value = Trim(rest.substr(m.op == Op::kEqual ? 1 : 2));
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    std::string unquoted;
    for (std::size_t k = 1; k + 1 < value.size(); ++k) {
      if (value[k] == '\\' && k + 2 < value.size()) ++k;
      unquoted += value[k];
    }
    value = unquoted;
  } else if (!value.empty() && value.front() == '"') {
    *error = "'" + text + "' has an unterminated quote";
    return std::nullopt;
  }
  m.value = value;
  if (m.op == Op::kRegex || m.op == Op::kNotRegex) {
    auto re = std::make_shared<const RE2>(value, RE2::Quiet);
    if (!re->ok()) {
      *error = "'" + value + "' is not a valid regular expression: " + re->error();
      return std::nullopt;
    }
    m.full_match = [re](std::string_view v) {
      return RE2::FullMatch(re2::StringPiece(v.data(), v.size()), *re);
    };
  }
  return m;
}

namespace {

// A severity (P0..P3) at `n`; nullopt, and a problem at `where.key`, when it
// is not one.
std::optional<core::Severity> ReadSeverity(YamlReader& r, const YAML::Node& n,
                                           const std::string& where, const std::string& key) {
  auto s = core::ParseSeverity(n.as<std::string>(""));
  if (s.ok()) return *s;
  r.Fail(n, where + "." + key, s.error().message);
  return std::nullopt;
}

// A route's `matchers`: each one that parses goes into `route`.
void ReadMatchers(YamlReader& r, const YAML::Node& ms, const std::string& where,
                  core::AlertRoute& route) {
  if (ms.IsDefined() && !IsList(ms))
    r.Fail(ms, where + ".matchers", "must be a list such as ['severity=\"critical\"']");
  for (std::size_t k = 0; IsList(ms) && k < ms.size(); ++k) {
    std::string err;
    auto m = ParseMatcher(ms[k].as<std::string>(""), &err);
    if (m)
      route.matchers.push_back(std::move(*m));
    else
      r.Fail(ms[k], where + ".matchers[" + std::to_string(k) + "]", err);
  }
}

// A route's `severity`, `severity_label`, `severity_map` and
// `default_severity`: where a declared incident's severity comes from.
void ReadSeverityFrom(YamlReader& r, const YAML::Node& rt, const std::string& where,
                      core::SeverityFrom& sf) {
  if (rt["severity"].IsDefined()) {
    if (rt["severity"].as<std::string>("") == "classify")
      sf.classify = true;
    else
      sf.fixed = ReadSeverity(r, rt["severity"], where, "severity");
  }
  if (rt["severity_label"].IsDefined()) sf.label = rt["severity_label"].as<std::string>("");
  const YAML::Node map = rt["severity_map"];
  if (map.IsDefined()) {
    if (!IsMap(map)) r.Fail(map, where + ".severity_map", "must map label values to P0..P3");
    for (auto it = map.begin(); IsMap(map) && it != map.end(); ++it) {
      std::string v = it->first.as<std::string>("");
      if (auto s = ReadSeverity(r, it->second, where, "severity_map." + v)) sf.by_value[v] = *s;
    }
    if (sf.label.empty()) sf.label = "severity";
  }
  if (rt["default_severity"].IsDefined())
    sf.fallback = ReadSeverity(r, rt["default_severity"], where, "default_severity");
}

// Route `n` of `alert_routing.routes`; nullopt when it is not a map (every
// other problem is reported and the route kept).
std::optional<core::AlertRoute> ReadAlertRoute(YamlReader& r, const YAML::Node& rt, std::size_t n) {
  std::string where = "alert_routing.routes[" + std::to_string(n) + "]";
  if (!IsMap(rt)) {
    r.Fail(rt, where, "must be a map (name, matchers, action, ...)");
    return std::nullopt;
  }
  r.OnlyKeys(rt, where,
             {"name", "matchers", "action", "severity", "severity_label", "severity_map",
              "default_severity", "source"});
  core::AlertRoute route;
  route.name = rt["name"].as<std::string>("route-" + std::to_string(n + 1));
  ReadMatchers(r, rt["matchers"], where, route);
  auto action = core::ParseRouteAction(rt["action"].as<std::string>("triage"));
  if (action.ok())
    route.action = *action;
  else
    r.Fail(rt["action"], where + ".action", action.error().message);
  core::SeverityFrom& sf = route.severity;
  ReadSeverityFrom(r, rt, where, sf);
  if (route.action == core::RouteAction::kDeclare && !sf.fixed && !sf.classify &&
      sf.by_value.empty() && !sf.fallback)
    r.Fail(rt, where,
           "a declaring route needs a severity: severity (P0..P3 or classify), "
           "severity_map or default_severity");
  if (rt["source"].IsDefined()) {
    auto src = core::ParseDetectionSource(rt["source"].as<std::string>(""));
    if (src.ok())
      route.source = *src;
    else
      r.Fail(rt["source"], where + ".source", src.error().message);
  }
  return route;
}

// The `alert_routing` section.
void ReadAlertRouting(YamlReader& r, const YAML::Node& routing, IngestConfig& out) {
  if (!routing.IsDefined()) return;
  r.OnlyKeys(routing, "alert_routing", {"recurrence_window", "routes"});
  if (!IsMap(routing))
    r.Fail(routing, "alert_routing", "must be a map (recurrence_window, routes)");
  if (IsMap(routing) && routing["recurrence_window"].IsDefined()) {
    auto d = ParseDuration(routing["recurrence_window"].as<std::string>(""));
    if (d.ok())
      out.routing.recurrence_window = *d;
    else
      r.Fail(routing["recurrence_window"], "alert_routing.recurrence_window", d.error().message);
  }
  const YAML::Node routes = IsMap(routing) ? routing["routes"] : YAML::Node();
  if (routes.IsDefined() && !IsList(routes))
    r.Fail(routes, "alert_routing.routes", "must be a list of routes");
  for (std::size_t n = 0; IsList(routes) && n < routes.size(); ++n) {
    if (auto route = ReadAlertRoute(r, routes[n], n))
      out.routing.routes.push_back(std::move(*route));
  }
}

// Integration `name` (`key` its name's node): its signature check, kept when
// it has a secret.
void ReadIntegration(YamlReader& r, const YAML::Node& key, const YAML::Node& d, IngestConfig& out) {
  std::string name = key.as<std::string>("");
  std::string where = "integrations." + name;
  if (!IsMap(d)) {
    r.Fail(key, where, "must be a map (signature_secret_env, signature_header)");
    return;
  }
  r.OnlyKeys(d, where,
             {"signature_secret", "signature_secret_env", "signature_secret_file",
              "signature_header", "signature_timestamp_header", "signature_max_skew"});
  core::SignatureCheck check;
  check.secret = r.Secret(d, where, "signature_secret", false, true);
  if (d["signature_header"].IsDefined()) check.header = d["signature_header"].as<std::string>("");
  if (check.header.empty()) r.Fail(d["signature_header"], where + ".signature_header", "is empty");
  check.timestamp_header = d["signature_timestamp_header"].as<std::string>("");
  if (d["signature_max_skew"].IsDefined()) {
    auto skew = ParseDuration(d["signature_max_skew"].as<std::string>(""));
    if (skew.ok())
      check.max_skew = *skew;
    else
      r.Fail(d["signature_max_skew"], where + ".signature_max_skew", skew.error().message);
  }
  if (!check.secret.empty()) out.signatures[name] = std::move(check);
}

// The `integrations` section.
void ReadIntegrations(YamlReader& r, const YAML::Node& integrations, IngestConfig& out) {
  if (integrations.IsDefined() && !IsMap(integrations))
    r.Fail(integrations, "integrations", "must be a map from integration name to its settings");
  for (auto it = integrations.begin(); IsMap(integrations) && it != integrations.end(); ++it)
    ReadIntegration(r, it->first, it->second, out);
}

}  // namespace

IngestConfig LoadIngestConfig(const std::string& text, const std::string& file) {
  IngestConfig out;
  auto parsed = ParseYaml(text, file, out.problems);
  if (!parsed || !IsMap(*parsed)) return out;
  YamlReader r{file, out.problems};
  const YAML::Node root = *parsed;
  ReadAlertRouting(r, root["alert_routing"], out);
  ReadIntegrations(r, root["integrations"], out);
  return out;
}

}  // namespace warroom::config
