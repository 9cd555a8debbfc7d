#pragma once

#include "cli/registrar.hpp"

namespace warroom::cli {

// `warroom declare`, `show`, `timeline` and `list`: declaring an incident
// and reading incidents (docs/api.md, "Incidents"). What acts on one
// incident is in incident_action_commands.hpp.
void AddIncidentCommands(CLI::App& app, const Registrar& k);

}  // namespace warroom::cli
