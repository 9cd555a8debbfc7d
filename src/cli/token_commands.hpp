#pragma once

#include "cli/registrar.hpp"

namespace warroom::cli {

// `warroom token list|create|revoke` and `warroom whoami`: API tokens and
// whose this one is (docs/api.md, "Users and tokens"). Secrets are printed once, by `create`; never
// listed.
void AddTokenCommands(CLI::App& app, const Registrar& k);

// The flags of a new token (--label, --scope, --expires-in or --expires-at),
// filling `body`; shared by `token create` and `user token`.
void AddTokenFlags(CLI::App* c, const Body& body);

}  // namespace warroom::cli
