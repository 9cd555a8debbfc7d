#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

namespace warroom::cli {

// Options every client command shares.
struct ClientOptions {
  std::string server;  // --server, WARROOM_SERVER
  std::string cacert;  // --cacert, WARROOM_CACERT: CA certificates (PEM) for an https:// server
  bool json = false;   // --json: machine-readable output
};

// Adds every client subcommand (declare, ack, show, list, ...) to `app`.
// Each sets `*run` to the action to perform after parsing; the action returns
// the process exit code.
void AddClientCommands(CLI::App& app, std::shared_ptr<ClientOptions> opts,
                       std::shared_ptr<std::function<int()>> run);

}  // namespace warroom::cli
