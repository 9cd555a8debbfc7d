#pragma once

#include <CLI/CLI.hpp>

#include "cli/registrar.hpp"

namespace warroom::cli {

// Adds `maintenance list|show|schedule|update` under `status-page`.
void AddMaintenanceCommands(CLI::App* status_page, const Registrar& k);

}  // namespace warroom::cli
