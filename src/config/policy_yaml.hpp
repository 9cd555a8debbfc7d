#pragma once

#include <string>
#include <vector>

#include "core/severity/policy.hpp"

namespace warroom::config {

// One problem in a configuration file: "policy.yaml:12: severities.P1.acknowledge: ...".
struct Problem {
  std::string file;
  int line = 0;  // 1-based; 0 when the whole file is at fault
  std::string key;
  std::string message;
  std::string ToString() const;
};

struct PolicyLoad {
  core::Policy policy;
  std::vector<Problem> problems;  // empty when the policy is usable
  bool ok() const { return problems.empty(); }
};

// Parses a policy from YAML text. Keys left out keep the built-in default
// (the spec's values), so a file states only what differs; `version` is
// required. Every problem is reported with its line and key, not just the
// first. `file` names the source in messages.
PolicyLoad ParsePolicy(const std::string& yaml_text, const std::string& file);

// Reads and parses a policy file.
PolicyLoad LoadPolicyFile(const std::string& path);

// The policy as YAML that ParsePolicy reads back to an equal policy.
std::string PolicyToYaml(const core::Policy& p);

}  // namespace warroom::config
