// `warroom status-page maintenance …`: scheduled maintenance on the public
// page, announced and updated by publishers.
#include "cli/maintenance_commands.hpp"

#include <memory>

#include "cli/format.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

std::string Components(const json::object& m) {
  std::string out;
  if (const auto* c = m.if_contains("components"); c && c->is_array())
    for (const auto& v : c->as_array()) out += (out.empty() ? "" : ",") + Text(&v);
  return out;
}

std::string MaintenanceTable(const json::object& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : r.at("items").as_array()) {
    const auto& m = v.as_object();
    auto g = [&](const char* k) { return Text(m.if_contains(k)); };
    rows.push_back(
        {g("id"), g("status"), g("scheduled_for"), g("scheduled_until"), Components(m), g("name")});
  }
  if (rows.empty()) return "No maintenance is scheduled.\n";
  return Table({"ID", "STATUS", "FROM", "UNTIL", "COMPONENTS", "NAME"}, rows);
}

// One maintenance: what it is, its window and its updates, newest first.
std::string MaintenanceText(const json::object& m) {
  auto g = [&](const char* k) { return Text(m.if_contains(k)); };
  std::string out = g("name") + " (" + g("id") + "): " + g("status") + "\n  window " +
                    g("scheduled_for") + " to " + g("scheduled_until") + "\n  components " +
                    Components(m) + "\n";
  if (const auto* u = m.if_contains("updates"); u && u->is_array())
    for (const auto& v : u->as_array()) {
      const auto& one = v.as_object();
      out += "  " + Text(one.if_contains("at")) + " " + Text(one.if_contains("status"));
      std::string body = Text(one.if_contains("body"));
      out += body.empty() ? "\n" : ": " + body + "\n";
    }
  return out;
}

void AddSchedule(CLI::App* m, const Registrar& k) {
  auto* c = m->add_subcommand(
      "schedule", "Announce a maintenance window on the public page (needs publish-public)");
  Body body = std::make_shared<json::object>();
  BodyString(c, body, "name", "name", "What the public reads, e.g. 'Database upgrade'")->required();
  BodyString(c, body, "--from", "scheduled_for", "When it starts (RFC 3339)")->required();
  BodyString(c, body, "--until", "scheduled_until", "When it ends (RFC 3339)")->required();
  auto components = std::make_shared<std::vector<std::string>>();
  c->add_option("--component", *components,
                "A component it holds under maintenance (repeat; warroom status-page components)")
      ->required();
  BodyString(c, body, "--body", "body", "The announcement");
  k.Runs(c, [opts = k.opts, body, components] {
    json::array list;
    for (const std::string& id : *components) list.push_back(json::value(id));
    (*body)["components"] = std::move(list);
    return Print(*opts, "POST", "/api/v1/status-page/maintenances", body.get(), MaintenanceText);
  });
}

void AddUpdate(CLI::App* m, const Registrar& k) {
  auto* c =
      m->add_subcommand("update",
                        "Post an update of a maintenance: start, verify, complete or a word (needs "
                        "publish-public)");
  auto id = std::make_shared<std::string>();
  c->add_option("id", *id, "The maintenance's id (warroom status-page maintenance list)")
      ->required();
  Body body = std::make_shared<json::object>();
  BodyString(c, body, "--status", "status",
             "in_progress (started), verifying or completed (completed is final; before its "
             "window opens it cancels it)");
  BodyString(c, body, "--body", "body", "What the public reads");
  BodyString(c, body, "--until", "scheduled_until", "Move the window's end (RFC 3339)");
  k.Runs(c, [opts = k.opts, id, body] {
    return Print(*opts, "POST", "/api/v1/status-page/maintenances/" + *id + "/updates", body.get(),
                 MaintenanceText);
  });
}

}  // namespace

void AddMaintenanceCommands(CLI::App* sp, const Registrar& k) {
  auto* m = sp->add_subcommand("maintenance", "Scheduled maintenance on the public page");
  m->require_subcommand(1);
  auto* list = m->add_subcommand("list", "List every maintenance, the latest window first");
  k.Runs(list, [opts = k.opts] {
    return Print(*opts, "GET", "/api/v1/status-page/maintenances", nullptr, MaintenanceTable);
  });
  auto* show = m->add_subcommand("show", "Show one maintenance and its updates");
  auto id = std::make_shared<std::string>();
  show->add_option("id", *id, "The maintenance's id")->required();
  k.Runs(show, [opts = k.opts, id] {
    return Print(*opts, "GET", "/api/v1/status-page/maintenances/" + *id, nullptr, MaintenanceText);
  });
  AddSchedule(m, k);
  AddUpdate(m, k);
}

}  // namespace warroom::cli
