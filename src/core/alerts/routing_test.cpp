#include "core/alerts/routing.hpp"

#include <gtest/gtest.h>

#include "core/severity/policy.hpp"

namespace warroom::core {
namespace {

LabelMatcher Eq(std::string l, std::string v) {
  return {std::move(l), LabelMatcher::Op::kEqual, std::move(v), nullptr};
}
LabelMatcher Ne(std::string l, std::string v) {
  return {std::move(l), LabelMatcher::Op::kNotEqual, std::move(v), nullptr};
}
LabelMatcher Re(std::string l, std::string v, bool negate = false) {
  LabelMatcher m{std::move(l), negate ? LabelMatcher::Op::kNotRegex : LabelMatcher::Op::kRegex, v,
                 nullptr};
  // A stand-in for the config layer's compiled regex: alternation of literals.
  m.full_match = [v](std::string_view s) {
    std::string_view rest = v;
    while (true) {
      auto bar = rest.find('|');
      if (rest.substr(0, bar) == s) return true;
      if (bar == std::string_view::npos) return false;
      rest.remove_prefix(bar + 1);
    }
  };
  return m;
}

AlertRoute Route(std::string name, std::vector<LabelMatcher> m, RouteAction a) {
  AlertRoute r;
  r.name = std::move(name);
  r.matchers = std::move(m);
  r.action = a;
  return r;
}

TEST(AlertRouting, FirstMatchingRouteWinsAndUnmatchedIsNull) {
  AlertRouting routing;
  routing.routes.push_back(
      Route("crit", {Eq("severity", "critical"), Ne("env", "staging")}, RouteAction::kDeclare));
  routing.routes.push_back(Route("db", {Re("team", "db|storage")}, RouteAction::kAttach));
  routing.routes.push_back(Route("all-crit", {Eq("severity", "critical")}, RouteAction::kTriage));

  EXPECT_EQ(MatchRoute(routing, {{"severity", "critical"}, {"env", "prod"}})->name, "crit");
  // A missing label is the empty string: env!="staging" matches it.
  EXPECT_EQ(MatchRoute(routing, {{"severity", "critical"}})->name, "crit");
  EXPECT_EQ(MatchRoute(routing, {{"severity", "critical"}, {"env", "staging"}})->name, "all-crit");
  EXPECT_EQ(MatchRoute(routing, {{"team", "storage"}})->name, "db");
  EXPECT_EQ(MatchRoute(routing, {{"team", "dbx"}}), nullptr);
  EXPECT_EQ(MatchRoute(routing, {}), nullptr);
}

TEST(AlertRouting, NegatedRegexAndRouteWithoutMatchersMatchesAll) {
  AlertRouting routing;
  routing.routes.push_back(Route("not-dev", {Re("env", "dev|test", true)}, RouteAction::kDeclare));
  routing.routes.push_back(Route("rest", {}, RouteAction::kTriage));
  EXPECT_EQ(MatchRoute(routing, {{"env", "prod"}})->name, "not-dev");
  EXPECT_EQ(MatchRoute(routing, {{"env", "dev"}})->name, "rest");
}

TEST(AlertRouting, SeverityFixedFromLabelFromClassifierOrNone) {
  Policy policy = DefaultPolicy();
  AlertRoute r = Route("r", {}, RouteAction::kDeclare);
  std::string why;
  EXPECT_EQ(SeverityFor(r, policy, {}, {}, &why), std::nullopt);

  r.severity.label = "severity";
  r.severity.by_value = {{"critical", Severity::kP0}, {"warning", Severity::kP2}};
  EXPECT_EQ(SeverityFor(r, policy, {{"severity", "critical"}}, {}, &why), Severity::kP0);
  EXPECT_NE(why.find("severity=critical"), std::string::npos);
  EXPECT_EQ(SeverityFor(r, policy, {{"severity", "info"}}, {}), std::nullopt);

  // The spec's classifier: more than 90% of customers affected is P0,
  // 30-90% P1 (from the policy's rules).
  r.severity.classify = true;
  EXPECT_EQ(SeverityFor(r, policy, {}, {{"customers_affected_pct", "95"}}), Severity::kP0);
  EXPECT_EQ(SeverityFor(r, policy, {}, {{"customers_affected_pct", "40%"}}), Severity::kP1);
  EXPECT_EQ(SeverityFor(r, policy, {}, {{"customers_affected_pct", "lots"}}), std::nullopt);
  // The label map comes first.
  EXPECT_EQ(SeverityFor(r, policy, {{"severity", "warning"}}, {{"customers_affected_pct", "60"}}),
            Severity::kP2);

  r.severity.fallback = Severity::kP3;
  EXPECT_EQ(SeverityFor(r, policy, {}, {}, &why), Severity::kP3);
  r.severity.fixed = Severity::kP1;
  EXPECT_EQ(SeverityFor(r, policy, {{"severity", "critical"}}, {}), Severity::kP1);
}

TEST(AlertRouting, PercentAsAlertsWriteIt) {
  EXPECT_EQ(ParsePercent("40"), 40.0);
  EXPECT_EQ(ParsePercent("40.5%"), 40.5);
  EXPECT_EQ(ParsePercent("101"), std::nullopt);
  EXPECT_EQ(ParsePercent("-1"), std::nullopt);
  EXPECT_EQ(ParsePercent(""), std::nullopt);
  EXPECT_EQ(ParsePercent("many"), std::nullopt);
}

TEST(AlertRouting, ActionNamesRoundTrip) {
  for (RouteAction a : {RouteAction::kDeclare, RouteAction::kAttach, RouteAction::kTriage})
    EXPECT_EQ(*ParseRouteAction(RouteActionName(a)), a);
  EXPECT_FALSE(ParseRouteAction("page").ok());
  EXPECT_EQ(Re("a", "x|y").ToString(), "a=~\"x|y\"");
}

}  // namespace
}  // namespace warroom::core
