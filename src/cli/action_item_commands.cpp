// `warroom actions` and `warroom action add|set|done`.
#include "cli/action_item_commands.hpp"

#include "cli/format.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

std::string Field(const json::object& o, const char* key) { return Text(o.if_contains(key)); }

bool Flag(const json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

std::string ItemTable(const json::object& page) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : page.at("items").as_array()) {
    const auto& a = v.as_object();
    std::string due = Field(a, "due");
    if (Flag(a, "overdue")) due += " OVERDUE";
    rows.push_back({Field(a, "incident_id") + " #" + Field(a, "id"), Field(a, "priority"),
                    Field(a, "status"), due, "@" + Field(a, "owner"), Field(a, "title")});
  }
  if (rows.empty()) return "No action items match.\n";
  std::string out = Table({"ITEM", "PRI", "STATUS", "DUE", "OWNER", "TITLE"}, rows);
  if (!page.at("next_offset").is_null())
    out += "More: --offset " + Text(page.if_contains("next_offset")) + "\n";
  return out;
}

// The item a command changed, from the incident it answers with.
std::function<std::string(const json::object&)> ItemLine(std::shared_ptr<std::int64_t> number) {
  return [number](const json::object& incident) {
    const auto* items = incident.if_contains("action_items");
    if (!items || !items->is_array()) return FormatIncidentLine(incident);
    const json::object* item = nullptr;
    for (const auto& v : items->as_array()) {
      const auto& a = v.as_object();
      // Added: the newest; changed: the one named.
      if (*number == 0 || (a.at("id").is_int64() && a.at("id").as_int64() == *number)) item = &a;
    }
    if (!item) return FormatIncidentLine(incident);
    std::string out = Field(incident, "id") + " action item " + Field(*item, "id") + ": " +
                      Field(*item, "title") + "\n  owner @" + Field(*item, "owner") + ", due " +
                      Field(*item, "due") + ", " + Field(*item, "priority") + ", " +
                      Field(*item, "status");
    if (!Field(*item, "reason").empty()) out += " (" + Field(*item, "reason") + ")";
    if (!Field(*item, "tracker_url").empty()) out += "\n  tracker " + Field(*item, "tracker_url");
    return out + "\n";
  };
}

struct ListQuery {
  bool overdue = false;
  bool all = false;
  std::string owner;
  std::string incident;
  std::string status;
  int limit = 50;
  int offset = 0;

  std::string Path() const {
    std::string p =
        "/api/v1/action-items?limit=" + std::to_string(limit) + "&offset=" + std::to_string(offset);
    if (overdue) p += "&overdue=true";
    // Without a status or --all: what is still owed.
    if (!all && status.empty() && !overdue) p += "&open=true";
    if (!owner.empty()) p += "&owner=" + QueryValue(owner);
    if (!incident.empty()) p += "&incident=" + QueryValue(incident);
    if (!status.empty()) p += "&status=" + QueryValue(status);
    return p;
  }
};

void AddList(CLI::App& app, const Registrar& k) {
  auto* c = app.add_subcommand(
      "actions",
      "List action items, earliest due first (still owed ones unless --all or --status)");
  auto q = std::make_shared<ListQuery>();
  c->add_flag("--overdue", q->overdue, "Only items still owed after their due date (UTC)");
  c->add_option("--owner", q->owner, "Only this owner's (a user's handle)");
  c->add_option("--incident", q->incident, "Only this incident's");
  c->add_option("--status", q->status, "Only this status: not-started, in-progress, done, wont-do");
  c->add_flag("--all", q->all, "Done and won't-do items too");
  c->add_option("--limit", q->limit, "At most this many (1-1000)")->check(CLI::Range(1, 1000));
  c->add_option("--offset", q->offset, "Skip this many")->check(CLI::NonNegativeNumber);
  k.Runs(c, [opts = k.opts, q] { return Print(*opts, "GET", q->Path(), nullptr, ItemTable); });
}

// The incident (and, for set and done, the item) a command names.
struct Target {
  std::string incident;
  std::shared_ptr<std::int64_t> item = std::make_shared<std::int64_t>(0);
  std::string at;
};

std::shared_ptr<Target> AddTarget(CLI::App* c, bool item) {
  auto t = std::make_shared<Target>();
  c->add_option("id", t->incident, "Incident id, such as INC-2026-02-12-001")->required();
  if (item)
    c->add_option("item", *t->item, "The action item's number within the incident")
        ->required()
        ->check(CLI::PositiveNumber);
  c->add_option("--at", t->at, "When it happened (RFC 3339); default now");
  return t;
}

void ItemFlags(CLI::App* c, const Body& body, bool adding) {
  auto* title = BodyString(c, body, "--title", "title", "What is to be done");
  auto* owner = BodyString(c, body, "--owner", "owner", "Who owns it (a user's handle)");
  auto* due = BodyString(c, body, "--due", "due", "Due date, YYYY-MM-DD (not in the past)");
  BodyString(c, body, "--priority", "priority", adding ? "P0, P1 (default) or P2" : "P0, P1 or P2");
  BodyString(c, body, "--tracker", "tracker_url", "Link to the tracker issue (http or https)");
  if (adding) {
    title->required();
    owner->required();
    due->required();
  }
}

int Send(const ClientOptions& o, const Target& t, const std::string& tail, json::object body) {
  if (!t.at.empty()) body["at"] = t.at;
  return Print(o, "POST", "/api/v1/incidents/" + t.incident + "/action-items" + tail, &body,
               ItemLine(t.item));
}

void AddItemCommands(CLI::App& app, const Registrar& k) {
  auto* action = app.add_subcommand("action", "Add, change or complete an incident's action item");
  action->require_subcommand(1);

  auto* add = action->add_subcommand("add", "Add an action item (also after the incident closed)");
  auto add_target = AddTarget(add, false);
  auto add_body = std::make_shared<json::object>();
  ItemFlags(add, add_body, true);
  k.Runs(
      add,
      [opts = k.opts, add_target, add_body] { return Send(*opts, *add_target, "", *add_body); },
      "Print the incident as the API answers it");

  auto* set = action->add_subcommand("set", "Change an action item's fields or status");
  auto set_target = AddTarget(set, true);
  auto set_body = std::make_shared<json::object>();
  ItemFlags(set, set_body, false);
  BodyString(set, set_body, "--status", "status", "not-started, in-progress, done or wont-do");
  BodyString(set, set_body, "--reason", "reason", "Why (required for wont-do)");
  k.Runs(
      set,
      [opts = k.opts, set_target, set_body] {
        return Send(*opts, *set_target, "/" + std::to_string(*set_target->item), *set_body);
      },
      "Print the incident as the API answers it");

  auto* done = action->add_subcommand("done", "Mark an action item done");
  auto done_target = AddTarget(done, true);
  auto done_body = std::make_shared<json::object>();
  BodyString(done, done_body, "--reason", "reason", "A note on how it was done");
  k.Runs(
      done,
      [opts = k.opts, done_target, done_body] {
        return Send(*opts, *done_target, "/" + std::to_string(*done_target->item) + "/done",
                    *done_body);
      },
      "Print the incident as the API answers it");
}

}  // namespace

void AddActionItemCommands(CLI::App& app, const Registrar& k) {
  AddList(app, k);
  AddItemCommands(app, k);
}

}  // namespace warroom::cli
