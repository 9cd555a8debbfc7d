#pragma once

#include "cli/commands.hpp"

namespace warroom::cli {

// `warroom user ...` (create, list, token, disable, enable, permission) and
// `warroom token ...` (list, create, revoke): user_commands.cpp.
void AddUserCommands(CLI::App& app, std::shared_ptr<ClientOptions> opts,
                     std::shared_ptr<std::function<int()>> run);

}  // namespace warroom::cli
