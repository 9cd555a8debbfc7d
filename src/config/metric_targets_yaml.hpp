#pragma once

#include <yaml-cpp/yaml.h>

#include <ostream>
#include <vector>

#include "config/policy_reader.hpp"
#include "core/severity/policy.hpp"

namespace warroom::config {

// The policy's `metric_targets` list ({metric: mttd..mttr, severity, below}),
// replacing `targets` when it is a list; each bad entry or key is a problem
// (an entry that is not a map is skipped).
void ReadMetricTargets(PolicyReader& r, const YAML::Node& n,
                       std::vector<core::MetricTarget>& targets);

// The section as PolicyToYaml writes it, read back to equal targets.
void WriteMetricTargets(std::ostream& o, const std::vector<core::MetricTarget>& targets);

}  // namespace warroom::config
