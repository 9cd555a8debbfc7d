#pragma once

#include "cli/command_context.hpp"

namespace warroom::cli {

// `warroom outbox list|show|retry` (admins): the outbound messages, every
// delivery attempt, and queueing a dead-lettered or unknown one again.
void AddOutboxCommands(CLI::App& app, const CommandContext& k);

}  // namespace warroom::cli
