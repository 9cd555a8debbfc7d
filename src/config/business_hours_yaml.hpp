#pragma once

#include <yaml-cpp/yaml.h>

#include <ostream>

#include "config/policy_reader.hpp"
#include "core/severity/policy.hpp"

namespace warroom::config {

// The policy's `business_hours` section (time zone, days, start and end as
// "09:00", holidays as dates), read over the hours `b` already holds: keys
// left out keep their value; each bad key or entry is a problem.
void ReadBusinessHours(PolicyReader& r, const YAML::Node& n, core::BusinessHours& b);

// The section as PolicyToYaml writes it, read back to equal hours.
void WriteBusinessHours(std::ostream& o, const core::BusinessHours& b);

}  // namespace warroom::config
