#pragma once

#include "cli/registrar.hpp"

namespace warroom::cli {

// `warroom user password|link|sessions|end-session`: browser sign-in
// (docs/api.md, "Signing in from a browser"), added under `user`.
void AddSessionCommands(CLI::App* user, const Registrar& k);

}  // namespace warroom::cli
