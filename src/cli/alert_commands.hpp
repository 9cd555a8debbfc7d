#pragma once

#include "cli/registrar.hpp"

namespace warroom::cli {

// `warroom alerts` (a filtered list) and `warroom alerts show|declare|attach|
// dismiss`: what the integrations brought, and triage of the alerts waiting
// for a person (docs/api.md, "Alerts").
void AddAlertCommands(CLI::App& app, const Registrar& k);

}  // namespace warroom::cli
