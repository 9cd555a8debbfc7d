#pragma once

// What every noun's commands are written with: the shared options, the
// action to run after parsing, and the flag bindings each command repeats.

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <string>

#include "cli/commands.hpp"

namespace warroom::cli {

// A request body that flags fill in while CLI11 parses (shared by the flag
// callbacks and the action that sends it).
using Body = std::shared_ptr<boost::json::object>;

// What each noun's Add...Commands registers its commands with (not
// core::CommandContext, which is what a command decides with). Copies share the same options and
// action slot; both outlive parsing (main holds them).
struct Registrar {
  std::shared_ptr<ClientOptions> opts;
  std::shared_ptr<std::function<int()>> run;

  // Adds `--json` (bound to opts->json, described by `help`) to `c`; called
  // after `c`'s own flags, so --help lists it last.
  void JsonFlag(CLI::App* c, const std::string& help = "Print JSON") const;

  // JsonFlag(c, json_help), and when `c` is the command parsed, `action`
  // becomes what main runs; it returns the exit code (exit_code::...).
  void Runs(CLI::App* c, std::function<int()> action,
            const std::string& json_help = "Print JSON") const;
};

// A string option `flag` that, when given, sets body[key]. Returns the
// option so the caller can mark it ->required().
CLI::Option* BodyString(CLI::App* c, const Body& body, const char* flag, const char* key,
                        const char* help);

}  // namespace warroom::cli
