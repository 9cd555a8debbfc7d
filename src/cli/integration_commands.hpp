#pragma once

#include "cli/registrar.hpp"

namespace warroom::cli {

// `warroom integration create|list|enable|disable|rotate` (admins): alert
// sources and their keys. `create` and `rotate` print the key once; `create`
// also prints what to paste into the sender.
void AddIntegrationCommands(CLI::App& app, const Registrar& k);

}  // namespace warroom::cli
