#pragma once

#include "cli/registrar.hpp"

namespace warroom::cli {

// `warroom freezes`: the code freezes in force, for deploy pipelines (exit 0
// either way; `--json` has `.frozen`). Declaring and lifting one are
// incident actions (`warroom freeze|unfreeze ID`).
void AddFreezeCommands(CLI::App& app, const Registrar& k);

}  // namespace warroom::cli
