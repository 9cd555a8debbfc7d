#pragma once

#include "cli/registrar.hpp"

namespace warroom::cli {

// `warroom status-page components|set`: the public page's components, and
// a publisher setting one's status (PUT /api/v1/status-page/components/ID).
void AddStatusPageCommands(CLI::App& app, const Registrar& k);

}  // namespace warroom::cli
