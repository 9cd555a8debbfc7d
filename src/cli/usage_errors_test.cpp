#include "cli/usage_errors.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace warroom::cli {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(EditDistance("list", "list"), 0u);
  EXPECT_EQ(EditDistance("lst", "list"), 1u);    // insertion
  EXPECT_EQ(EditDistance("lists", "list"), 1u);  // deletion
  EXPECT_EQ(EditDistance("lisp", "list"), 1u);   // substitution
  EXPECT_EQ(EditDistance("lsit", "list"), 1u);   // two neighbours swapped
  EXPECT_EQ(EditDistance("craete", "create"), 1u);
  EXPECT_EQ(EditDistance("", "ack"), 3u);
  EXPECT_EQ(EditDistance("foo", "show"), 3u);
}

TEST(ClosestMatch, SuggestsTheNearestCommandWhenCloseEnough) {
  std::vector<std::string> commands{"declare", "ack", "show", "list", "close", "clock"};
  EXPECT_EQ(ClosestMatch("lst", commands), "list");
  EXPECT_EQ(ClosestMatch("shwo", commands), "show");
  EXPECT_EQ(ClosestMatch("delcare", commands), "declare");
  EXPECT_EQ(ClosestMatch("clos", commands), "close");
  EXPECT_EQ(ClosestMatch("foo", commands), std::nullopt);
  EXPECT_EQ(ClosestMatch("incident", commands), std::nullopt);
}

TEST(ClosestMatch, FallsBackToTheOnlyCommandTheWordBegins) {
  std::vector<std::string> commands{"integration", "incident-report", "alerts"};
  EXPECT_EQ(ClosestMatch("integ", commands), "integration");
  EXPECT_EQ(ClosestMatch("in", commands), std::nullopt);  // two begin with it
  EXPECT_EQ(ClosestMatch("", commands), std::nullopt);
}

// What `warroom ARGS` prints on stderr, on a small tree of commands.
std::string UsageError(std::vector<std::string> args) {
  CLI::App app{"test", "warroom"};
  app.require_subcommand(1);
  app.fallthrough();
  app.add_subcommand("list", "List incidents");
  auto* user = app.add_subcommand("user", "Users");
  user->require_subcommand(1);
  user->add_subcommand("create", "Create a user");
  user->add_subcommand("permission", "Change a user's permission");
  auto* alerts = app.add_subcommand("alerts", "List alerts");
  alerts->add_subcommand("show", "Show one alert");
  auto* declare = app.add_subcommand("declare", "Declare an incident");
  std::string severity;
  declare->add_option("--severity", severity, "P0..P3")->required();
  ExplainUsageErrors(app);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  std::ostringstream out, err;
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    EXPECT_NE(app.exit(e, out, err), 0);
  }
  return err.str();
}

TEST(ExplainUsageErrors, AnUnknownCommandIsNamedWithTheClosestMatch) {
  EXPECT_EQ(UsageError({"lst"}),
            "warroom: unknown command 'lst'; did you mean 'list'?\n"
            "Run `warroom --help` to list the commands.\n");
  EXPECT_EQ(UsageError({"frobnicate"}),
            "warroom: unknown command 'frobnicate'\n"
            "Run `warroom --help` to list the commands.\n");
  EXPECT_EQ(UsageError({"user", "craete"}),
            "warroom: unknown command 'user craete'; did you mean 'user create'?\n"
            "Run `warroom user --help` to list its commands.\n");
  // A noun that also runs alone (alerts lists them) refuses an unknown word the same way.
  EXPECT_EQ(UsageError({"alerts", "shw"}),
            "warroom: unknown command 'alerts shw'; did you mean 'alerts show'?\n"
            "Run `warroom alerts --help` to list its commands.\n");
}

TEST(ExplainUsageErrors, ANounAloneListsItsCommands) {
  EXPECT_EQ(UsageError({"user"}),
            "warroom user: which command? One of:\n"
            "  create      Create a user\n"
            "  permission  Change a user's permission\n"
            "Run `warroom user COMMAND --help` for a command's flags.\n");
}

TEST(ExplainUsageErrors, OtherUsageErrorsPrintAsCli11PrintsThem) {
  EXPECT_EQ(UsageError({"declare"}),
            "--severity is required\nRun with --help for more information.\n");
}

}  // namespace
}  // namespace warroom::cli
