#pragma once

#include "cli/registrar.hpp"

namespace warroom::cli {

// `warroom comms templates` and `warroom comms preview ID --template NAME`:
// the communication templates in force, and one rendered for an incident
// without sending it (docs/templates.md).
void AddCommsCommands(CLI::App& app, const Registrar& k);

}  // namespace warroom::cli
