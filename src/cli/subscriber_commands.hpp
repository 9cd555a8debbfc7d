#pragma once

#include <CLI/CLI.hpp>

#include "cli/registrar.hpp"

namespace warroom::cli {

// Adds `subscriber list|show|add|remove` under `status-page`.
void AddSubscriberCommands(CLI::App* status_page, const Registrar& k);

}  // namespace warroom::cli
