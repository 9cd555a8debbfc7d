#include "config/metric_targets_yaml.hpp"

#include "core/metrics/metric_name.hpp"

namespace warroom::config {

using namespace core;

void ReadMetricTargets(PolicyReader& r, const YAML::Node& n, std::vector<MetricTarget>& targets) {
  if (!n.IsSequence()) {
    r.Fail(n, "metric_targets", "must be a list of {metric, severity, below}");
    return;
  }
  targets.clear();
  for (const auto& t : n) {
    if (!t.IsMap()) {
      r.Fail(t, "metric_targets", "each entry must be a map {metric, severity, below}");
      continue;
    }
    r.ExpectKeys(t, "metric_targets", {"metric", "severity", "below"});
    MetricTarget mt;
    r.String(t["metric"], "metric_targets.metric", mt.metric);
    if (!ParseMetricName(mt.metric).ok())
      r.Fail(t, "metric_targets.metric", "must be mttd, mtta, mtti, mttm or mttr");
    std::string sev;
    if (r.String(t["severity"], "metric_targets.severity", sev)) {
      auto s = ParseSeverity(sev);
      if (s.ok())
        mt.severity = *s;
      else
        r.Fail(t["severity"], "metric_targets.severity", s.error().message);
    }
    r.Dur(t["below"], "metric_targets.below", mt.below);
    targets.push_back(mt);
  }
}

void WriteMetricTargets(std::ostream& o, const std::vector<MetricTarget>& targets) {
  o << "metric_targets:\n";
  for (const MetricTarget& t : targets)
    o << "  - {metric: " << t.metric << ", severity: " << SeverityName(t.severity)
      << ", below: " << FormatDuration(t.below) << "}\n";
}

}  // namespace warroom::config
