#pragma once

#include "cli/command_context.hpp"

namespace warroom::cli {

// `warroom user create|list|token|disable|enable|permission`: users and their
// permissions (docs/api.md, "Users and tokens"). `user create` and `user token` print the new token
// once.
void AddUserCommands(CLI::App& app, const CommandContext& k);

}  // namespace warroom::cli
