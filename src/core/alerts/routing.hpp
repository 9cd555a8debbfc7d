#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "core/incident/kinds.hpp"
#include "core/severity/policy.hpp"

namespace warroom::core {

// An alert's labels (or annotations): name -> value.
using Labels = std::map<std::string, std::string>;

// One label matcher, as Alertmanager writes them: name=value, name!=value,
// name=~regex, name!~regex. A missing label matches as the empty string (as
// in Alertmanager), so `team!="db"` matches an alert without a team.
struct LabelMatcher {
  enum class Op { kEqual, kNotEqual, kRegex, kNotRegex };
  std::string label;
  Op op = Op::kEqual;
  std::string value;
  // For the regex operators: true when the whole value matches (anchored).
  // Compiled by the config layer, so the domain needs no regex engine.
  std::function<bool(std::string_view)> full_match;

  bool Matches(const Labels& labels) const;
  std::string ToString() const;
};

// What a route does with the alerts it matches whose group no incident holds
// yet. Whatever the action, an alert whose group an incident already holds
// (open, or resolved within the recurrence window) joins that incident.
enum class RouteAction {
  kDeclare,  // declare an incident for the group
  kAttach,   // join only: without a holder the alert is recorded, not triaged
  kTriage,   // hold for a responder to declare or dismiss
};
std::string_view RouteActionName(RouteAction a);
Result<RouteAction> ParseRouteAction(std::string_view s);

// How a declaring route picks the severity.
struct SeverityFrom {
  std::optional<Severity> fixed;             // `severity: P1`
  std::string label;                         // `severity_label: severity`
  std::map<std::string, Severity> by_value;  // `severity_map: {critical: P0}`
  // `severity: classify`: the policy's classifier on the alert's
  // `customers_affected_pct` annotation (or label).
  bool classify = false;
  // When the label or annotation says nothing usable; without it such an
  // alert goes to triage, where a person picks the severity.
  std::optional<Severity> fallback;
};

struct AlertRoute {
  std::string name;
  std::vector<LabelMatcher> matchers;  // all must match
  RouteAction action = RouteAction::kTriage;
  SeverityFrom severity;
  DetectionSource source = DetectionSource::kAutomatedMonitoring;
};

struct AlertRouting {
  std::vector<AlertRoute> routes;  // the first that matches wins
  // A group that fires again this long after its incident resolved joins it
  // (and the IC is told) rather than declaring a new incident.
  Duration recurrence_window = std::chrono::hours(1);
};

// The first route whose matchers all match, or null (the alert goes to
// triage).
const AlertRoute* MatchRoute(const AlertRouting& routing, const Labels& labels);

// The severity a declaring route gives an alert; nullopt when the route
// cannot tell (the alert goes to triage). `reason` says how it was chosen.
std::optional<Severity> SeverityFor(const AlertRoute& route, const Policy& policy,
                                    const Labels& labels, const Labels& annotations,
                                    std::string* reason = nullptr);

// A label every alert carries for routing only: the integration it came by,
// so a route can match one sender (`__integration__="prod-pd"`).
inline constexpr std::string_view kIntegrationLabel = "__integration__";

// The annotation (or label) that carries the share of customers affected.
inline constexpr std::string_view kCustomersAffectedPct = "customers_affected_pct";

// A share from 0 to 100 as an alert writes it ("40", "40.5", "40%").
std::optional<double> ParsePercent(std::string_view s);

}  // namespace warroom::core
