#pragma once

#include <yaml-cpp/yaml.h>

#include <ostream>
#include <string>

#include "config/policy_reader.hpp"
#include "core/severity/policy.hpp"

namespace warroom::config {

// One entry of the policy's `severities` map (P0..P3), read over the level
// `l` already holds: keys left out keep its value, each bad key is a problem
// (at `where`, "severities.P1") and keeps its value too.
void ReadSeverityLevel(PolicyReader& r, const YAML::Node& n, const std::string& where,
                       core::SeverityLevel& l);

// The level as PolicyToYaml writes it: "  P1:  # alias" and every key,
// indented under it; ReadSeverityLevel reads it back to an equal level.
void WriteSeverityLevel(std::ostream& o, const core::SeverityLevel& l);

}  // namespace warroom::config
