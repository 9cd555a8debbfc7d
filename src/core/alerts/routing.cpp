#include "core/alerts/routing.hpp"

#include <charconv>

#include "core/severity/classifier.hpp"

namespace warroom::core {

namespace {

std::string_view Get(const Labels& labels, const std::string& name) {
  auto it = labels.find(name);
  return it == labels.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace

std::optional<double> ParsePercent(std::string_view s) {
  while (!s.empty() && s.back() == '%') s.remove_suffix(1);
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  if (!(v >= 0 && v <= 100)) return std::nullopt;
  return v;
}

bool LabelMatcher::Matches(const Labels& labels) const {
  std::string_view v = Get(labels, label);
  switch (op) {
    case Op::kEqual:
      return v == value;
    case Op::kNotEqual:
      return v != value;
    case Op::kRegex:
      return full_match && full_match(v);
    case Op::kNotRegex:
      return full_match && !full_match(v);
  }
  return false;
}

std::string LabelMatcher::ToString() const {
  static constexpr std::string_view kOps[] = {"=", "!=", "=~", "!~"};
  // Quoted as ParseMatcher (config/ingest_yaml.hpp) reads it back: a quote
  // or a backslash in the value is escaped (found by fuzz/ingest_config.cpp).
  std::string quoted;
  for (char c : value) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return label + std::string(kOps[static_cast<int>(op)]) + "\"" + quoted + "\"";
}

std::string_view RouteActionName(RouteAction a) {
  switch (a) {
    case RouteAction::kDeclare:
      return "declare";
    case RouteAction::kAttach:
      return "attach";
    case RouteAction::kTriage:
      return "triage";
  }
  return "triage";
}

Result<RouteAction> ParseRouteAction(std::string_view s) {
  for (RouteAction a : {RouteAction::kDeclare, RouteAction::kAttach, RouteAction::kTriage})
    if (RouteActionName(a) == s) return a;
  return Error::InvalidArgument("unknown action '" + std::string(s) +
                                "': use declare, attach or triage");
}

const AlertRoute* MatchRoute(const AlertRouting& routing, const Labels& labels) {
  for (const AlertRoute& r : routing.routes) {
    bool all = true;
    for (const LabelMatcher& m : r.matchers) {
      if (!m.Matches(labels)) {
        all = false;
        break;
      }
    }
    if (all) return &r;
  }
  return nullptr;
}

std::optional<Severity> SeverityFor(const AlertRoute& route, const Policy& policy,
                                    const Labels& labels, const Labels& annotations,
                                    std::string* reason) {
  auto because = [&](std::string why) {
    if (reason) *reason = std::move(why);
  };
  const SeverityFrom& s = route.severity;
  if (s.fixed) {
    because("route " + route.name + " declares " + std::string(SeverityName(*s.fixed)));
    return s.fixed;
  }
  if (!s.label.empty()) {
    std::string_view v = Get(labels, s.label);
    if (auto it = s.by_value.find(std::string(v)); it != s.by_value.end()) {
      because("label " + s.label + "=" + std::string(v) + " maps to " +
              std::string(SeverityName(it->second)));
      return it->second;
    }
  }
  if (s.classify) {
    std::string key(kCustomersAffectedPct);
    std::string_view v = Get(annotations, key);
    if (v.empty()) v = Get(labels, key);
    if (auto pct = ParsePercent(v)) {
      ImpactAssessment impact;
      impact.customers_affected_pct = *pct;
      if (auto c = Classify(policy, impact); c.ok()) {
        because("the classifier: " + key + "=" + std::string(v) +
                (c->reasons.empty() ? std::string() : " (" + c->reasons.front() + ")"));
        return c->severity;
      }
    }
  }
  if (s.fallback) {
    because("route " + route.name + "'s default severity");
    return s.fallback;
  }
  return std::nullopt;
}

}  // namespace warroom::core
