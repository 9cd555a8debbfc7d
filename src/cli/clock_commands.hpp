#pragma once

#include "cli/registrar.hpp"

namespace warroom::cli {

// `warroom clock show` and `warroom clock advance DURATION`: the server's
// time, and moving simulated time on (admin; a server started with
// `--clock simulated:...`).
void AddClockCommands(CLI::App& app, const Registrar& k);

}  // namespace warroom::cli
