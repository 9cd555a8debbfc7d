#include "cli/outbox_commands.hpp"

#include "cli/format.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

std::string MessageTable(const json::object& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : r.at("items").as_array()) {
    const auto& m = v.as_object();
    auto f = [&](const char* k) { return Text(m.if_contains(k)); };
    rows.push_back({f("id"), f("incident_id"), f("kind"), f("destination"), f("state"),
                    f("attempts"), f("last_error")});
  }
  if (rows.empty()) return "No messages match.\n";
  return Table({"ID", "INCIDENT", "KIND", "DESTINATION", "STATE", "ATTEMPTS", "LAST ERROR"}, rows);
}

std::string Message(const json::object& m) {
  auto f = [&](const char* k) { return Text(m.if_contains(k)); };
  std::string out = "#" + f("id") + " " + f("kind") + " to " + f("destination") + " for " +
                    f("incident_id") + ": " + f("state") + " after " + f("attempts") +
                    " attempt(s)\n\n" + f("text") + "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : m.at("attempts_detail").as_array()) {
    const auto& ao = a.as_object();
    auto g = [&](const char* k) { return Text(ao.if_contains(k)); };
    rows.push_back({g("attempt"), g("started_at"), g("outcome"), g("http_status"), g("detail")});
  }
  return out + Table({"#", "STARTED", "OUTCOME", "HTTP", "DETAIL"}, rows);
}

// What `warroom outbox list` asks for.
struct ListQuery {
  bool failed = false;
  std::string state;
  std::string incident;
  int limit = 100;

  std::string Path() const {
    std::string path = "/api/v1/outbox?limit=" + std::to_string(limit);
    if (failed)
      path += "&state=failed";
    else if (!state.empty())
      path += "&state=" + state;
    if (!incident.empty()) path += "&incident=" + incident;
    return path;
  }
};

void AddList(CLI::App* ob, const Registrar& k) {
  auto* list = ob->add_subcommand("list", "List messages, newest first");
  auto q = std::make_shared<ListQuery>();
  list->add_flag("--failed", q->failed, "Only dead-lettered and unknown-outcome messages");
  list->add_option("--state", q->state, "pending, delivered, dead or unknown");
  list->add_option("--incident", q->incident, "Only this incident's messages");
  list->add_option("--limit", q->limit, "At most this many (1-1000)")->check(CLI::Range(1, 1000));
  k.Runs(list,
         [opts = k.opts, q] { return Print(*opts, "GET", q->Path(), nullptr, MessageTable); });
}

}  // namespace

void AddOutboxCommands(CLI::App& app, const Registrar& k) {
  auto* ob = app.add_subcommand("outbox", "Outbound messages and their delivery (admins)");
  ob->require_subcommand(1);
  AddList(ob, k);
  auto* show = ob->add_subcommand("show", "Show one message and every delivery attempt");
  auto id = std::make_shared<std::string>();
  show->add_option("id", *id, "Message id")->required();
  k.Runs(show, [opts = k.opts, id] {
    return Print(*opts, "GET", "/api/v1/outbox/" + *id, nullptr, Message);
  });
  auto* retry = ob->add_subcommand("retry", "Queue a dead-lettered or unknown message again");
  auto rid = std::make_shared<std::string>();
  retry->add_option("id", *rid, "Message id")->required();
  k.Runs(retry, [opts = k.opts, rid] {
    return Print(*opts, "POST", "/api/v1/outbox/" + *rid + "/retry", nullptr,
                 [](const json::object& m) {
                   return "Message " + Text(m.if_contains("id")) + " queued again\n";
                 });
  });
}

}  // namespace warroom::cli
