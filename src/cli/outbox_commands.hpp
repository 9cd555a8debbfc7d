#pragma once

#include "cli/registrar.hpp"

namespace warroom::cli {

// `warroom outbox list|show|retry` (admins): the outbound messages, every
// delivery attempt, and queueing a dead-lettered or unknown one again.
void AddOutboxCommands(CLI::App& app, const Registrar& k);

}  // namespace warroom::cli
