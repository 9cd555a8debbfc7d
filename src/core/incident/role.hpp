#pragma once

#include <array>
#include <string_view>

#include "base/result.hpp"

namespace warroom::core {

// The spec's incident roles.
enum class Role {
  kIncidentCommander,   // coordinates the response; declares resolved; pages anyone
  kTechnicalLead,       // leads the technical investigation
  kCommunicationsLead,  // customer, status page and executive communication
  kScribe,              // documents the timeline and decisions
};

inline constexpr std::array<Role, 4> kAllRoles = {Role::kIncidentCommander, Role::kTechnicalLead,
                                                  Role::kCommunicationsLead, Role::kScribe};

// "incident-commander", "technical-lead", "communications-lead", "scribe".
std::string_view RoleSlug(Role r);
// "Incident Commander", ...
std::string_view RoleTitle(Role r);
// Accepts the slug, the title, or the abbreviation (IC, TL, CL).
Result<Role> ParseRole(std::string_view text);

}  // namespace warroom::core
