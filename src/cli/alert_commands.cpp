// `warroom alerts`: what the integrations brought, and triage.
#include "cli/alert_commands.hpp"

#include "cli/format.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

json::array Ids(const std::vector<std::int64_t>& ids) {
  json::array a;
  for (auto id : ids) a.emplace_back(id);
  return a;
}

std::string AlertTable(const json::object& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : r.at("items").as_array()) {
    const auto& a = v.as_object();
    auto f = [&](const char* k) { return Text(a.if_contains(k)); };
    std::string where = f("disposition");
    if (where == "incident") where = f("incident_id");
    rows.push_back(
        {f("id"), f("status"), f("count"), where, f("integration"), f("starts_at"), f("summary")});
  }
  if (rows.empty()) return "No alerts match.\n";
  return Table({"ID", "STATUS", "COUNT", "WHERE", "INTEGRATION", "STARTED", "SUMMARY"}, rows);
}

std::string AlertDetail(const json::object& a) {
  auto f = [&](const char* k) { return Text(a.if_contains(k)); };
  std::string where = f("disposition");
  if (where == "incident") where = "attached to " + f("incident_id");
  if (!a.at("triaged_by").is_null()) where += " by " + f("triaged_by");
  if (!a.at("triage_note").as_string().empty()) where += ": " + f("triage_note");
  return "#" + f("id") + " " + f("summary") + "\n  status:      " + f("status") + " (" +
         f("count") + " report(s), last " + f("last_seen") + ")\n  started:     " + f("starts_at") +
         "\n  where:       " + where + "\n  integration: " + f("integration") + " (group " +
         f("group_key") +
         ")\n  route:       " + (a.at("route").is_null() ? "(none matched)" : f("route")) +
         "\n  labels:      " + json::serialize(a.at("labels")) +
         "\n  annotations: " + json::serialize(a.at("annotations")) + "\n" +
         (a.at("source_url").as_string().empty() ? "" : "  source:      " + f("source_url") + "\n");
}

// What `warroom alerts` (without a subcommand) asks for.
struct ListQuery {
  std::string status;
  std::string integration;
  std::string incident;
  std::string disposition;
  bool triage = false;
  int limit = 100;

  std::string Path() const {
    std::string path = "/api/v1/alerts?limit=" + std::to_string(limit);
    if (!status.empty()) path += "&status=" + status;
    if (!integration.empty()) path += "&integration=" + integration;
    if (!incident.empty()) path += "&incident=" + incident;
    if (triage)
      path += "&disposition=triage";
    else if (!disposition.empty())
      path += "&disposition=" + disposition;
    return path;
  }
};

CLI::App* AddList(CLI::App& app, const Registrar& k) {
  auto* c = app.add_subcommand(
      "alerts",
      "List alerts, most recently seen first; declare, attach or dismiss those waiting in "
      "triage");
  auto q = std::make_shared<ListQuery>();
  c->add_option("--status", q->status, "firing, resolved or acknowledged");
  c->add_option("--integration", q->integration, "Only this integration's alerts");
  c->add_option("--incident", q->incident, "Only the alerts attached to this incident");
  c->add_flag("--triage", q->triage, "Only the alerts waiting in triage");
  c->add_option("--disposition", q->disposition, "triage, incident, dismissed or recorded");
  c->add_option("--limit", q->limit, "At most this many (1-1000)")->check(CLI::Range(1, 1000));
  k.JsonFlag(c);
  // The list is the action only when no triage subcommand was given.
  c->callback([c, opts = k.opts, run = k.run, q] {
    if (!c->get_subcommands().empty()) return;
    *run = [opts, q] { return Print(*opts, "GET", q->Path(), nullptr, AlertTable); };
  });
  return c;
}

// `alerts declare IDS --severity P`: an incident from alerts in triage.
void AddDeclare(CLI::App* c, const Registrar& k) {
  auto* declare = c->add_subcommand(
      "declare", "Declare an incident from alerts waiting in triage (their groups attach to it)");
  auto ids = std::make_shared<std::vector<std::int64_t>>();
  auto severity = std::make_shared<std::string>();
  auto summary = std::make_shared<std::string>();
  declare->add_option("ids", *ids, "Alert ids (see `warroom alerts --triage`)")->required();
  declare->add_option("--severity", *severity, "P0..P3 (see `warroom policy classify`)")
      ->required();
  declare->add_option("--summary", *summary, "Default: the first alert's summary");
  k.Runs(declare, [opts = k.opts, ids, severity, summary] {
    json::object body{{"alert_ids", Ids(*ids)}, {"severity", *severity}};
    if (!summary->empty()) body["summary"] = *summary;
    return Print(*opts, "POST", "/api/v1/alerts/declare", &body, [](const json::object& r) {
      return "Declared " + Text(r.if_contains("incident_id")) + " from " +
             std::to_string(r.at("alert_ids").as_array().size()) + " alert(s). Next: warroom ack " +
             Text(r.if_contains("incident_id")) + "\n";
    });
  });
}

void AddAttachAndDismiss(CLI::App* c, const Registrar& k) {
  auto* attach = c->add_subcommand(
      "attach", "Attach alerts waiting in triage to an open incident (their groups follow)");
  auto aids = std::make_shared<std::vector<std::int64_t>>();
  auto incident_id = std::make_shared<std::string>();
  attach->add_option("ids", *aids, "Alert ids (see `warroom alerts --triage`)")->required();
  attach->add_option("--incident", *incident_id, "The incident, such as INC-2026-02-12-001")
      ->required();
  k.Runs(attach, [opts = k.opts, aids, incident_id] {
    json::object body{{"alert_ids", Ids(*aids)}, {"incident_id", *incident_id}};
    return Print(*opts, "POST", "/api/v1/alerts/attach", &body, [](const json::object& r) {
      return "Attached " + std::to_string(r.at("alert_ids").as_array().size()) + " alert(s) to " +
             Text(r.if_contains("incident_id")) + "\n";
    });
  });

  auto* dismiss = c->add_subcommand("dismiss", "Dismiss alerts waiting in triage");
  auto dids = std::make_shared<std::vector<std::int64_t>>();
  auto reason = std::make_shared<std::string>();
  dismiss->add_option("ids", *dids, "Alert ids (see `warroom alerts --triage`)")->required();
  dismiss->add_option("--reason", *reason, "Why, e.g. \"flapping during the maintenance window\"");
  k.Runs(dismiss, [opts = k.opts, dids, reason] {
    json::object body{{"alert_ids", Ids(*dids)}};
    if (!reason->empty()) body["reason"] = *reason;
    return Print(*opts, "POST", "/api/v1/alerts/dismiss", &body, [](const json::object& r) {
      return "Dismissed " + std::to_string(r.at("dismissed").as_array().size()) + " alert(s)\n";
    });
  });
}

}  // namespace

void AddAlertCommands(CLI::App& app, const Registrar& k) {
  auto* c = AddList(app, k);
  auto* show = c->add_subcommand("show", "Show one alert: labels, annotations, where it went");
  auto id = std::make_shared<std::string>();
  show->add_option("id", *id, "Alert id")->required();
  k.Runs(show, [opts = k.opts, id] {
    return Print(*opts, "GET", "/api/v1/alerts/" + *id, nullptr, AlertDetail);
  });
  AddDeclare(c, k);
  AddAttachAndDismiss(c, k);
}

}  // namespace warroom::cli
