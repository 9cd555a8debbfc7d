#pragma once

// What `warroom` says when the command line names no command, or one that
// does not exist: instead of CLI11's "A subcommand is required", the word
// it did not know, the closest command, and how to list them all.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warroom::cli {

// The number of single-character insertions, deletions, substitutions and
// swaps of two neighbours that turn `a` into `b` (optimal string alignment).
std::size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word` by EditDistance, if close enough to be
// what was meant: at most 1 edit for words of up to 4 characters, 2 up to
// 8, 3 beyond; or, failing that, the only candidate `word` begins. Ties go
// to the earlier candidate. Nothing when no candidate is that close.
std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);

// Makes `app`'s usage errors (what app.exit(e) prints) explain an unknown
// or missing command:
//   warroom: unknown command 'lst'; did you mean 'list'?
//   Run `warroom --help` to list the commands.
// and for a noun given alone (`warroom user`), that noun's commands. Every
// other error prints as CLI11 prints it. The exit status is unchanged
// (CLI11's, which main maps to exit_code::kUsage).
void ExplainUsageErrors(CLI::App& app);

}  // namespace warroom::cli
