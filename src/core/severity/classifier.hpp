#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/severity/policy.hpp"

namespace warroom::core {

// What is known about an incident's impact when choosing its severity.
struct ImpactAssessment {
  std::optional<double> customers_affected_pct;  // 0..100
  bool data_loss = false;                        // data loss or corruption
  bool security_breach = false;                  // a security breach or active attack
  bool payments_down = false;                    // payment processing completely broken
};

struct Classification {
  Severity severity = Severity::kP3;
  std::vector<std::string> reasons;  // why, in words a responder can check
};

// Suggests a severity from the policy's classifier rules and says why. Fails
// only when the share is outside 0..100.
Result<Classification> Classify(const Policy& policy, const ImpactAssessment& impact);

}  // namespace warroom::core
