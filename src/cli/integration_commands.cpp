#include "cli/integration_commands.hpp"

#include "cli/format.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

// How to point a sender at a new integration, ready to paste.
std::string SenderSetup(const std::string& type, const std::string& server,
                        const std::string& key) {
  if (type == "alertmanager")
    return "Point Alertmanager at it (alertmanager.yml):\n"
           "  receivers:\n"
           "    - name: warroom\n"
           "      webhook_configs:\n"
           "        - url: " +
           server +
           "/api/v1/ingest/alertmanager\n"
           "          send_resolved: true\n"
           "          http_config:\n"
           "            authorization: {type: Bearer, credentials: " +
           key + "}\n";
  if (type == "grafana")
    return "In Grafana, add a Webhook contact point with the URL\n  " + server +
           "/api/v1/ingest/grafana/" + key +
           "\n(or the URL without the key and the key as the Authorization header's "
           "credentials; an HMAC secret goes in the config's integrations section).\n";
  if (type == "pagerduty")
    return "Anything that can page PagerDuty: routing_key " + key + ", events URL " + server +
           "/v2/enqueue\n(Alertmanager: pagerduty_configs with routing_key and url).\n";
  return "Post alerts (docs/api.md, \"Generic alerts\"):\n  curl -H 'Authorization: Bearer " + key +
         "' -H 'Content-Type: application/json' -d '{\"alerts\": [{\"key\": \"disk/db-1\", "
         "\"summary\": \"Disk full\"}]}' " +
         server + "/api/v1/ingest/generic\n";
}

std::string IntegrationTable(const json::object& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : r.at("items").as_array()) {
    const auto& i = v.as_object();
    rows.push_back({Text(i.if_contains("name")), Text(i.if_contains("type")),
                    Text(i.if_contains("enabled")) == "yes" ? "enabled" : "disabled",
                    Text(i.if_contains("created_at")), Text(i.if_contains("reports")),
                    Text(i.if_contains("last_report_at"))});
  }
  if (rows.empty())
    return "No integrations yet: warroom integration create --type alertmanager --name "
           "prod-alerts\n";
  return Table({"NAME", "TYPE", "STATE", "CREATED", "REPORTS", "LAST REPORT"}, rows);
}

void AddCreateAndList(CLI::App* in, const Registrar& k) {
  auto* create = in->add_subcommand("create", "Create an integration and print its key, once");
  auto body = std::make_shared<json::object>();
  BodyString(create, body, "--type", "type", "alertmanager, grafana, pagerduty or generic")
      ->required();
  BodyString(create, body, "--name", "name", "A name, such as prod-alerts")->required();
  k.Runs(create, [opts = k.opts, body] {
    std::string server = ServerUrl(*opts);
    return Print(
        *opts, "POST", "/api/v1/integrations", body.get(), [server](const json::object& r) {
          std::string type = Text(r.if_contains("type"));
          std::string key = Text(r.if_contains("key"));
          return "Created " + Text(r.if_contains("name")) + " (" + type +
                 "). Its key, shown once:\n" + key + "\n\n" + SenderSetup(type, server, key);
        });
  });
  auto* list = in->add_subcommand("list", "List integrations");
  k.Runs(list, [opts = k.opts] {
    return Print(*opts, "GET", "/api/v1/integrations", nullptr, IntegrationTable);
  });
}

// enable, disable and rotate: a POST to /api/v1/integrations/{name}/{action}.
void AddStateChanges(CLI::App* in, const Registrar& k) {
  struct Change {
    const char* action;
    const char* help;
  };
  for (auto [action, help] :
       {Change{"enable", "Enable an integration"}, Change{"disable", "Disable an integration"},
        Change{"rotate", "Replace an integration's key (the old one stops at once)"}}) {
    auto* c = in->add_subcommand(action, help);
    auto name = std::make_shared<std::string>();
    c->add_option("name", *name, "The integration")->required();
    k.Runs(c, [opts = k.opts, name, act = std::string(action)] {
      return Print(*opts, "POST", "/api/v1/integrations/" + *name + "/" + act, nullptr,
                   [act](const json::object& r) {
                     if (act == "rotate")
                       return "New key, shown once:\n" + Text(r.if_contains("key")) + "\n";
                     return Text(r.if_contains("name")) + " " + act + "d\n";
                   });
    });
  }
}

}  // namespace

void AddIntegrationCommands(CLI::App& app, const Registrar& k) {
  auto* in = app.add_subcommand("integration", "Alert sources and their keys (admins)");
  in->require_subcommand(1);
  AddCreateAndList(in, k);
  AddStateChanges(in, k);
}

}  // namespace warroom::cli
