#include "core/metrics/incident_metrics.hpp"

namespace warroom::core {
namespace {

Measure Between(std::optional<TimePoint> from, std::optional<TimePoint> to,
                const char* missing_from, const char* missing_to) {
  if (!from) return Measure::Undefined(missing_from);
  if (!to) return Measure::Undefined(missing_to);
  return Measure::Of(*to - *from);
}

}  // namespace

Measure& MeasureOf(IncidentMetrics& metrics, MetricName m) {
  switch (m) {
    case MetricName::kMttd:
      return metrics.mttd;
    case MetricName::kMtta:
      return metrics.mtta;
    case MetricName::kMtti:
      return metrics.mtti;
    case MetricName::kMttm:
      return metrics.mttm;
    case MetricName::kMttr:
      break;
  }
  return metrics.mttr;
}

const Measure& MeasureOf(const IncidentMetrics& metrics, MetricName m) {
  return MeasureOf(const_cast<IncidentMetrics&>(metrics), m);
}

IncidentMetrics ComputeMetrics(const IncidentState& s, const Policy* policy) {
  IncidentMetrics m;
  if (s.status == Status::kDismissed) {
    m.excluded = true;
    Measure out = Measure::Undefined("dismissed as a false alarm: kept out of the metrics");
    m.mttd = m.mtta = m.mtti = m.mttm = m.mttr = m.impact_duration = m.incident_duration = out;
    return m;
  }
  std::optional<TimePoint> declared = s.declared_at;
  m.mttd = Between(s.detected_at, declared, "no detection time was recorded", "");
  m.mtta = Between(declared, s.first_acknowledged_at, "", "not acknowledged yet");
  m.mtti = Between(declared, s.first_identified_at, "", "root cause not identified yet");
  if (s.mitigated_at && s.first_identified_at && *s.mitigated_at < *s.first_identified_at) {
    m.mttm = Measure::Undefined(
        "service was restored before the root cause was identified, so time to mitigate from "
        "identification is undefined");
  } else {
    m.mttm = Between(s.first_identified_at, s.mitigated_at, "root cause not identified yet",
                     "service not restored yet");
  }
  m.mttr = Between(declared, s.resolved_at, "", "not resolved yet");
  m.impact_duration = Between(std::optional<TimePoint>(s.ImpactStart()), s.mitigated_at, "",
                              "service not restored yet");
  m.incident_duration = Between(declared, s.resolved_at, "", "not resolved yet");
  if (policy) {
    for (const MetricTarget& t : policy->targets) {
      if (t.severity != s.severity) continue;
      auto metric = ParseMetricName(t.metric);
      if (!metric.ok()) continue;
      Measure& target = MeasureOf(m, *metric);
      target.target = t.below;
      if (target.value) target.within_target = *target.value < t.below;
    }
  }
  return m;
}

}  // namespace warroom::core
