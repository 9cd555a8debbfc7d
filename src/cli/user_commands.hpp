#pragma once

#include "cli/registrar.hpp"

namespace warroom::cli {

// `warroom user create|list|token|disable|enable|permission` (and the
// browser sign-in commands of session_commands.hpp): users and their
// permissions (docs/api.md, "Users and tokens"). `user create` and `user token` print the new token
// once.
void AddUserCommands(CLI::App& app, const Registrar& k);

}  // namespace warroom::cli
