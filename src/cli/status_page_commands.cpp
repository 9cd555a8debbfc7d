#include "cli/status_page_commands.hpp"

#include <memory>

#include "cli/format.hpp"
#include "cli/maintenance_commands.hpp"
#include "cli/print.hpp"
#include "cli/status_page_export.hpp"
#include "cli/subscriber_commands.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

// Who set a component's status, when and why ("" when no one ever did).
std::string SetBy(const json::object& c) {
  const auto* set = c.if_contains("set");
  if (!set || !set->is_object()) return "";
  const auto& s = set->as_object();
  std::string out = Text(s.if_contains("status")) + " by " + Text(s.if_contains("by")) + " at " +
                    Text(s.if_contains("at"));
  std::string note = Text(s.if_contains("note"));
  return note.empty() ? out : out + " (" + note + ")";
}

std::string ComponentTable(const json::object& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : r.at("items").as_array()) {
    const auto& c = v.as_object();
    auto g = [&](const char* k) { return Text(c.if_contains(k)); };
    rows.push_back({g("id"), g("name"), g("group"), g("status"), SetBy(c)});
  }
  if (rows.empty()) return "The status page has no component.\n";
  return Table({"ID", "NAME", "GROUP", "STATUS", "LAST SET"}, rows);
}

std::string ComponentLine(const json::object& c) {
  return Text(c.if_contains("name")) + " is now " + Text(c.if_contains("status")) +
         " on the public status page.\n";
}

void AddSet(CLI::App* sp, const Registrar& k) {
  auto* c = sp->add_subcommand(
      "set", "Set a component's status on the public page (needs publish-public)");
  auto id = std::make_shared<std::string>();
  auto body = std::make_shared<json::object>();
  c->add_option("component", *id, "The component's id (warroom status-page components)")
      ->required();
  c->add_option_function<std::string>(
       "status", [body](const std::string& v) { (*body)["status"] = v; },
       "operational, degraded_performance, partial_outage, major_outage or under_maintenance")
      ->required();
  c->add_option_function<std::string>(
      "--note", [body](const std::string& v) { (*body)["note"] = v; },
      "Why, for the record (never shown on the page)");
  k.Runs(c, [opts = k.opts, id, body] {
    return Print(*opts, "PUT", "/api/v1/status-page/components/" + *id, body.get(), ComponentLine);
  });
}

}  // namespace

void AddStatusPageCommands(CLI::App& app, const Registrar& k) {
  auto* sp = app.add_subcommand(
      "status-page",
      "The public status page: its components, scheduled maintenance, subscribers and a static "
      "copy");
  sp->require_subcommand(1);
  auto* list = sp->add_subcommand("components",
                                  "List the page's components, their status and who last set one");
  k.Runs(list, [opts = k.opts] {
    return Print(*opts, "GET", "/api/v1/status-page/components", nullptr, ComponentTable);
  });
  AddSet(sp, k);
  AddMaintenanceCommands(sp, k);
  AddSubscriberCommands(sp, k);
  AddStatusPageExport(sp, k);
}

}  // namespace warroom::cli
