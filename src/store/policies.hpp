#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"

namespace warroom::store {

// Every policy version the server has run under, so an incident's clocks are
// computed under the policy it was declared with.
class PolicyReads {
 public:
  virtual ~PolicyReads() = default;
  // Every recorded version, (version, YAML text), in the order recorded.
  virtual Result<std::vector<std::pair<std::string, std::string>>> LoadPolicies() = 0;
};

class PolicyWrites {
 public:
  virtual ~PolicyWrites() = default;
  // Records a policy version; recording it again with the same text succeeds
  // and changes nothing. kAlreadyExists when the version was recorded with
  // other content: a changed policy needs a new version.
  virtual Outcome RecordPolicy(const std::string& version, const std::string& yaml,
                               TimePoint at) = 0;
};

}  // namespace warroom::store
