#pragma once

#include "cli/registrar.hpp"

namespace warroom::cli {

// `warroom actions` (the action items of every incident, earliest due
// first) and `warroom action add|set|done ID ...` (docs/cli.md, "Action
// items").
void AddActionItemCommands(CLI::App& app, const Registrar& k);

}  // namespace warroom::cli
