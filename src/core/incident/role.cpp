#include "core/incident/role.hpp"

#include <cctype>
#include <string>

#include "base/text.hpp"

namespace warroom::core {

std::string_view RoleSlug(Role r) {
  switch (r) {
    case Role::kIncidentCommander:
      return "incident-commander";
    case Role::kTechnicalLead:
      return "technical-lead";
    case Role::kCommunicationsLead:
      return "communications-lead";
    case Role::kScribe:
      return "scribe";
  }
  return "scribe";
}

std::string_view RoleTitle(Role r) {
  switch (r) {
    case Role::kIncidentCommander:
      return "Incident Commander";
    case Role::kTechnicalLead:
      return "Technical Lead";
    case Role::kCommunicationsLead:
      return "Communications Lead";
    case Role::kScribe:
      return "Scribe";
  }
  return "Scribe";
}

Result<Role> ParseRole(std::string_view text) {
  std::string t;
  for (char c : text) {
    t +=
        c == ' ' || c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (t == "ic") return Role::kIncidentCommander;
  if (t == "tl") return Role::kTechnicalLead;
  if (t == "cl") return Role::kCommunicationsLead;
  for (Role r : kAllRoles) {
    if (t == RoleSlug(r)) return r;
  }
  return Error::InvalidArgument("unknown role '" + Shown(text) +
                                "': use incident-commander, technical-lead, "
                                "communications-lead or scribe");
}

}  // namespace warroom::core
