#include "cli/freeze_commands.hpp"

#include "cli/format.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

// A restricted incident's freeze shows only that it exists and since when.
std::string FreezeTable(const json::object& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : r.at("items").as_array()) {
    const auto& f = v.as_object();
    auto g = [&](const char* k) { return Text(f.if_contains(k)); };
    auto* hidden = f.if_contains("restricted");
    if (hidden && hidden->is_bool() && hidden->as_bool()) {
      rows.push_back({"(restricted)", "", g("since"), ""});
      continue;
    }
    rows.push_back({g("incident_id"), g("severity"), g("since"), g("reason")});
  }
  if (rows.empty()) return "No code freeze is active.\n";
  return Table({"INCIDENT", "SEV", "SINCE", "REASON"}, rows);
}

}  // namespace

void AddFreezeCommands(CLI::App& app, const Registrar& k) {
  auto* c = app.add_subcommand("freezes",
                               "List active code freezes (exit 0 either way; see --json .frozen)");
  k.Runs(c,
         [opts = k.opts] { return Print(*opts, "GET", "/api/v1/freezes", nullptr, FreezeTable); });
}

}  // namespace warroom::cli
