#include "core/severity/classifier.hpp"

#include <cstdio>

namespace warroom::core {
namespace {

std::string Pct(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g%%", v);
  return buf;
}

}  // namespace

Result<Classification> Classify(const Policy& policy, const ImpactAssessment& impact) {
  const ClassifierRules& r = policy.classifier;
  Classification out;
  bool forced = false;
  if (impact.data_loss) {
    out.reasons.push_back("data loss or corruption is always P0");
    forced = true;
  }
  if (impact.security_breach) {
    out.reasons.push_back("a security breach or active attack is always P0");
    forced = true;
  }
  if (impact.payments_down) {
    out.reasons.push_back("payment processing down is always P0");
    forced = true;
  }
  if (impact.customers_affected_pct) {
    double v = *impact.customers_affected_pct;
    if (!(v >= 0 && v <= 100)) {
      return Error::InvalidArgument(
          "customers affected must be a share from 0 to 100 percent, not " + Pct(v));
    }
    Severity by_share;
    std::string why;
    if (v > r.p0_above_pct) {
      by_share = Severity::kP0;
      why = Pct(v) + " of customers affected is more than " + Pct(r.p0_above_pct);
    } else if (v >= r.p1_from_pct) {
      by_share = Severity::kP1;
      why = Pct(v) + " of customers affected is within " + Pct(r.p1_from_pct) + " to " +
            Pct(r.p0_above_pct);
    } else if (v >= r.p2_from_pct) {
      by_share = Severity::kP2;
      why = Pct(v) + " of customers affected is within " + Pct(r.p2_from_pct) + " to under " +
            Pct(r.p1_from_pct);
    } else {
      by_share = Severity::kP3;
      why = Pct(v) + " of customers affected is under " + Pct(r.p2_from_pct);
    }
    out.reasons.push_back(why + " (" + std::string(SeverityName(by_share)) + ")");
    out.severity = forced ? Severity::kP0 : by_share;
  } else {
    out.severity = forced ? Severity::kP0 : Severity::kP3;
    if (!forced) out.reasons.push_back("no impact given: assuming P3 until more is known");
  }
  return out;
}

}  // namespace warroom::core
