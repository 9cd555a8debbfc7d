#pragma once

#include "cli/registrar.hpp"

namespace warroom::cli {

// The commands that act on one incident (ack, assign, identify, mitigate,
// resolve, close, reopen, dismiss, severity, join, note, update, link, task,
// task-done, impact, page, freeze, unfreeze, visibility): each posts to
// /api/v1/incidents/{id}/..., takes `--at`, and prints the incident's
// one-line summary (or with --json the API's answer).
void AddIncidentActionCommands(CLI::App& app, const Registrar& k);

}  // namespace warroom::cli
