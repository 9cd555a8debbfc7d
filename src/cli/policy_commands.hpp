#pragma once

#include "cli/registrar.hpp"

namespace warroom::cli {

// `warroom policy show` and `warroom policy classify`: the severity policy
// the server runs, and the severity it suggests for an impact. `policy
// check` and `policy default` read files locally and are added by app/.
void AddPolicyCommands(CLI::App& app, const Registrar& k);

}  // namespace warroom::cli
