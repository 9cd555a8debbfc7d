#pragma once

#include <yaml-cpp/yaml.h>

#include <ostream>
#include <vector>

#include "config/policy_reader.hpp"
#include "core/severity/policy.hpp"

namespace warroom::config {

// The policy's `roles` map (incident-commander, ...: responsibilities,
// authority, who, groups), merged into `roles`: a role named updates its
// definition (added when missing), keys left out keep their value, an
// unknown role or key is a problem.
void ReadRoles(PolicyReader& r, const YAML::Node& n, std::vector<core::RoleDefinition>& roles);

// The section as PolicyToYaml writes it, read back to equal definitions.
void WriteRoles(std::ostream& o, const std::vector<core::RoleDefinition>& roles);

}  // namespace warroom::config
