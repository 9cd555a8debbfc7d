#include "cli/commands.hpp"

#include <cstdlib>
#include <iostream>

#include "cli/client.hpp"
#include "cli/format.hpp"
#include "cli/print.hpp"
#include "cli/user_commands.hpp"

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

std::string Summary(const json::object& o) {
  auto f = [&](const char* k) { return Text(o.if_contains(k)); };
  return f("id") + "  " + f("severity") + "  " + f("status") + "  " + f("summary") + "\n";
}

// Shared flags of commands that act on one incident at a moment in time.
struct Act {
  std::string id;
  std::string at;
};

void AddAt(CLI::App* c, Act& a) {
  c->add_option("id", a.id, "Incident id, such as INC-2026-02-12-001")->required();
  c->add_option("--at", a.at,
                "When it happened (RFC 3339, e.g. 2026-02-12T14:25:00Z); default now");
}

void PutAt(json::object& body, const std::string& at) {
  if (!at.empty()) body["at"] = at;
}

}  // namespace

void AddClientCommands(CLI::App& app, std::shared_ptr<ClientOptions> opts,
                       std::shared_ptr<std::function<int()>> run) {
  auto& o = *opts;

  // A command posting to /api/v1/incidents/{id}/{action}.
  auto action = [&app, opts, run](
                    const char* name, const char* action_name, const char* help,
                    std::function<void(CLI::App*, std::shared_ptr<json::object>)> setup) {
    auto* c = app.add_subcommand(name, help);
    auto act = std::make_shared<Act>();
    auto body = std::make_shared<json::object>();
    AddAt(c, *act);
    c->add_flag("--json", opts->json, "Print the API's JSON answer");
    if (setup) setup(c, body);
    c->callback([opts, run, act, body, action_name] {
      *run = [opts, act, body, action_name] {
        json::object b = *body;
        PutAt(b, act->at);
        return Print(*opts, "POST", "/api/v1/incidents/" + act->id + "/" + action_name, &b,
                     Summary);
      };
    });
    return c;
  };
  // Binds a string flag into the body under `key` when given.
  auto str = [](CLI::App* c, std::shared_ptr<json::object> body, const char* flag, const char* key,
                const char* help, bool required = false) {
    auto* opt = c->add_option_function<std::string>(
        flag, [body, key](const std::string& v) { (*body)[key] = v; }, help);
    if (required) opt->required();
    return opt;
  };

  // declare
  {
    auto* c = app.add_subcommand("declare", "Declare an incident");
    auto body = std::make_shared<json::object>();
    auto at = std::make_shared<std::string>();
    auto components = std::make_shared<std::vector<std::string>>();
    auto impact = std::make_shared<json::object>();
    str(c, body, "--severity", "severity", "P0..P3 or SEV-1..SEV-4 (see `warroom policy classify`)",
        true);
    str(c, body, "--summary", "summary", "One-line description", true);
    str(c, body, "--detected-at", "detected_at",
        "When the alert fired or the issue was reported (RFC 3339)");
    str(c, body, "--source", "source",
        "automated-monitoring, customer-report, internal-discovery (default) or security-alert");
    str(c, body, "--visibility", "visibility",
        "public or restricted (default restricted for security alerts)");
    c->add_option("--at", *at, "When it was declared (RFC 3339); default now");
    c->add_option_function<std::int64_t>(
        "--customers-affected", [impact](std::int64_t n) { (*impact)["customers_affected"] = n; },
        "How many customers are affected");
    c->add_option_function<double>(
        "--customers-affected-pct", [impact](double p) { (*impact)["customers_affected_pct"] = p; },
        "Share of customers affected, 0-100");
    c->add_option("--component", *components, "An affected component (repeatable)");
    c->add_flag("--json", o.json, "Print the API's JSON answer");
    c->callback([opts, run, body, at, components, impact] {
      *run = [opts, body, at, components, impact] {
        json::object b = *body;
        PutAt(b, *at);
        json::object imp = *impact;
        if (!components->empty()) {
          json::array a;
          for (const auto& s : *components) a.emplace_back(s);
          imp["affected_components"] = std::move(a);
        }
        if (!imp.empty()) b["impact"] = std::move(imp);
        return Print(*opts, "POST", "/api/v1/incidents", &b, Summary);
      };
    });
  }

  action("ack", "acknowledge", "Acknowledge an incident: you are engaged as a responder", nullptr);
  action("assign", "roles",
         "Assign a role (incident-commander, technical-lead, communications-lead, scribe); IC is "
         "handed over by the IC or an admin, or taken for yourself while vacant",
         [str](CLI::App* c, auto body) {
           str(c, body, "--role", "role",
               "incident-commander, technical-lead, communications-lead or scribe", true);
           str(c, body, "--to", "user", "The user's handle", true);
         });
  action("identify", "identify", "Record the root cause (investigating -> identified)",
         [str](CLI::App* c, auto body) {
           str(c, body, "--root-cause", "root_cause", "What caused it", true);
           str(c, body, "--category", "category",
               "A root-cause category from the policy (see `warroom policy show`)", true);
         });
  action("mitigate", "mitigate", "Record that service is restored (-> monitoring)",
         [](CLI::App* c, auto body) {
           c->add_option_function<std::string>(
                "action", [body](const std::string& v) { (*body)["action"] = v; },
                "What was done, e.g. \"Rolled back to v2.3.0\"")
               ->required();
         });
  action("resolve", "resolve",
         "Resolve (IC or admin; from monitoring; needs a root cause and an hour of stability)",
         [str](CLI::App* c, auto body) {
           c->add_option_function<std::string>(
                "summary", [body](const std::string& v) { (*body)["summary"] = v; },
                "How it was resolved")
               ->required();
           c->add_flag_callback(
               "--force", [body] { (*body)["force"] = true; },
               "Resolve within the stability window (needs --reason)");
           str(c, body, "--reason", "reason", "Why resolving early is safe");
         });
  action("close", "close",
         "Close a resolved incident (IC or admin; needs --pir-url when a PIR is mandatory)",
         [str](CLI::App* c, auto body) {
           str(c, body, "--pir-url", "pir_url", "Where the post-incident review is");
         });
  action("reopen", "reopen", "Reopen a monitoring or resolved incident (-> investigating)",
         [str](CLI::App* c, auto body) {
           str(c, body, "--reason", "reason", "Why it is reopened", true);
         });
  action("dismiss", "dismiss",
         "Dismiss an investigating incident as a false alarm (IC or admin; kept out of metrics)",
         [str](CLI::App* c, auto body) {
           str(c, body, "--reason", "reason", "false-alarm or duplicate", true);
           str(c, body, "--note", "note", "Details");
         });
  action("severity", "severity", "Change the severity (IC or admin)",
         [str](CLI::App* c, auto body) {
           str(c, body, "--to", "severity", "The new severity, P0..P3", true);
           str(c, body, "--reason", "reason", "Why", true);
         });
  action("join", "responders", "Join as a responder (or add --user)",
         [opts](CLI::App* c, auto body) {
           c->add_option_function<std::string>(
               "--user", [body](const std::string& v) { (*body)["user"] = v; },
               "Who joins (default: you)");
           c->parse_complete_callback([body, opts] {
             if (!body->contains("user")) {
               auto me = MakeClient(*opts).Call("GET", "/api/v1/me");
               if (me.ok()) (*body)["user"] = me->as_object().at("handle");
             }
           });
         });
  action("note", "notes", "Add a note to the timeline", [str](CLI::App* c, auto body) {
    c->add_option_function<std::string>(
         "text", [body](const std::string& v) { (*body)["text"] = v; }, "The note")
        ->required();
    (*body)["kind"] = "finding";
    str(c, body, "--kind", "kind",
        "finding (default), decision, action, customer-report or deployment");
  });
  {
    auto* c = app.add_subcommand(
        "update", "Post an update, written or from a template (meets the update clock)");
    auto act = std::make_shared<Act>();
    auto text = std::make_shared<std::string>();
    auto tmpl = std::make_shared<std::string>();
    auto audience = std::make_shared<std::string>();
    AddAt(c, *act);
    c->add_option("text", *text, "The update (or use --template)");
    c->add_option("--template", *tmpl,
                  "Render a communication template instead, e.g. status-identified (see `warroom "
                  "comms templates`)");
    c->add_option(
        "--audience", *audience,
        "internal, executives, status-page or customers (default: internal, or the template's)");
    c->add_flag("--json", o.json, "Print the API's JSON answer");
    c->callback([opts, run, act, text, tmpl, audience] {
      if (text->empty() == tmpl->empty())
        throw CLI::ValidationError("update",
                                   "give the update's text or --template NAME (one of them)");
      *run = [opts, act, text, tmpl, audience] {
        json::object b;
        if (!tmpl->empty()) {
          b["template"] = *tmpl;
        } else {
          b["text"] = *text;
        }
        if (!audience->empty()) {
          b["audience"] = *audience;
        } else if (tmpl->empty()) {
          b["audience"] = "internal";
        }
        PutAt(b, act->at);
        return Print(*opts, "POST", "/api/v1/incidents/" + act->id + "/updates", &b, Summary);
      };
    });
  }
  {
    auto* comms = app.add_subcommand("comms", "Communication templates: list and preview");
    comms->require_subcommand(1);
    auto* list = comms->add_subcommand("templates", "List the templates in force");
    list->add_flag("--json", o.json, "Print JSON");
    list->callback([opts, run] {
      *run = [opts] {
        return Print(*opts, "GET", "/api/v1/templates", nullptr, [](const json::object& r) {
          std::string out;
          for (const auto& n : r.at("items").as_array()) out += Text(&n) + "\n";
          return out;
        });
      };
    });
    auto* preview =
        comms->add_subcommand("preview", "Render a template for an incident without sending it");
    auto id = std::make_shared<std::string>();
    auto name = std::make_shared<std::string>();
    preview->add_option("id", *id, "Incident id")->required();
    preview->add_option("--template", *name, "The template, e.g. customer-email")->required();
    preview->add_flag("--json", o.json, "Print JSON");
    preview->callback([opts, run, id, name] {
      *run = [opts, id, name] {
        return Print(*opts, "GET", "/api/v1/incidents/" + *id + "/comms/" + *name, nullptr,
                     [](const json::object& r) {
                       std::string out = "[" + Text(r.if_contains("template")) + " -> " +
                                         Text(r.if_contains("audience")) + "]\n";
                       std::string subject = Text(r.if_contains("subject"));
                       if (subject != "-" && !subject.empty())
                         out += "Subject: " + subject + "\n\n";
                       return out + MultilineText(r.if_contains("text"));
                     });
      };
    });
  }
  action(
      "link", "links", "Link a war room, incident doc or dashboard", [str](CLI::App* c, auto body) {
        c->add_option_function<std::string>(
             "url", [body](const std::string& v) { (*body)["url"] = v; }, "The URL or channel")
            ->required();
        (*body)["kind"] = "incident-doc";
        str(c, body, "--kind", "kind", "war-room, incident-doc (default), dashboard, ticket, ...");
        str(c, body, "--title", "title", "A title");
      });
  action("task", "tasks", "Delegate a task", [str](CLI::App* c, auto body) {
    c->add_option_function<std::string>(
         "title", [body](const std::string& v) { (*body)["title"] = v; }, "What to do")
        ->required();
    str(c, body, "--assignee", "assignee", "Who does it");
  });
  {
    auto* c = app.add_subcommand("task-done", "Mark a delegated task done");
    auto act = std::make_shared<Act>();
    auto n = std::make_shared<int>(0);
    AddAt(c, *act);
    c->add_option("task", *n, "The task number")->required();
    c->add_flag("--json", o.json, "Print the API's JSON answer");
    c->callback([opts, run, act, n] {
      *run = [opts, act, n] {
        json::object b;
        PutAt(b, act->at);
        return Print(*opts, "POST",
                     "/api/v1/incidents/" + act->id + "/tasks/" + std::to_string(*n) + "/complete",
                     &b, Summary);
      };
    });
  }
  action("impact", "impact", "Record the impact (customers, components, workaround, ETA, revenue)",
         [str](CLI::App* c, auto body) {
           c->add_option_function<std::int64_t>(
               "--customers-affected",
               [body](std::int64_t v) { (*body)["customers_affected"] = v; }, "How many customers");
           c->add_option_function<double>(
               "--customers-affected-pct",
               [body](double v) { (*body)["customers_affected_pct"] = v; }, "Share, 0-100");
           c->add_option_function<std::vector<std::string>>(
               "--component",
               [body](const std::vector<std::string>& v) {
                 json::array a;
                 for (const auto& s : v) a.emplace_back(s);
                 (*body)["affected_components"] = std::move(a);
               },
               "Affected components (repeatable)");
           str(c, body, "--workaround", "workaround", "A workaround customers can use");
           str(c, body, "--eta", "eta", "Expected resolution (RFC 3339)");
           str(c, body, "--revenue-impact", "revenue_impact", "Revenue impact, free text");
           str(c, body, "--impact-start", "impact_start", "When impact began (RFC 3339)");
         });
  action("page", "page", "Page a person or a group, even off duty (the IC's authority)",
         [str](CLI::App* c, auto body) {
           str(c, body, "--to", "to", "A user's handle or a responder group", true);
           str(c, body, "--reason", "reason", "Why they are needed");
         });
  action("freeze", "freeze",
         "Declare a code freeze (the IC's authority); deploy pipelines read `warroom freezes`",
         [str](CLI::App* c, auto body) {
           str(c, body, "--reason", "reason", "Why deploys must stop", true);
         });
  action("unfreeze", "unfreeze", "Lift the incident's code freeze", [str](CLI::App* c, auto body) {
    str(c, body, "--reason", "reason", "Why deploys may resume");
  });
  {
    auto* c = app.add_subcommand(
        "freezes", "List active code freezes (exit 0 either way; see --json .frozen)");
    c->add_flag("--json", o.json, "Print JSON");
    c->callback([opts, run] {
      *run = [opts] {
        return Print(*opts, "GET", "/api/v1/freezes", nullptr, [](const json::object& r) {
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
          if (rows.empty()) return std::string("No code freeze is active.\n");
          return Table({"INCIDENT", "SEV", "SINCE", "REASON"}, rows);
        });
      };
    });
  }
  action("visibility", "visibility", "Make an incident public or restricted (IC or admin)",
         [str](CLI::App* c, auto body) {
           str(c, body, "--to", "visibility", "public or restricted", true);
           str(c, body, "--reason", "reason", "Why", true);
         });

  // show / timeline / list
  {
    auto* c = app.add_subcommand("show", "Show an incident: state, clocks and MTTx");
    auto id = std::make_shared<std::string>();
    c->add_option("id", *id, "Incident id")->required();
    c->add_flag("--json", o.json, "Print JSON");
    c->callback([opts, run, id] {
      *run = [opts, id] {
        return Print(*opts, "GET", "/api/v1/incidents/" + *id, nullptr, FormatIncident);
      };
    });
  }
  {
    auto* c = app.add_subcommand("timeline", "Show an incident's timeline of events");
    auto id = std::make_shared<std::string>();
    c->add_option("id", *id, "Incident id")->required();
    c->add_flag("--json", o.json, "Print JSON");
    c->callback([opts, run, id] {
      *run = [opts, id] {
        return Print(*opts, "GET", "/api/v1/incidents/" + *id + "/timeline", nullptr,
                     FormatTimeline);
      };
    });
  }
  {
    auto* c = app.add_subcommand("list", "List incidents, newest first");
    auto q = std::make_shared<std::vector<std::pair<std::string, std::string>>>();
    auto open = std::make_shared<bool>(false);
    auto severity = std::make_shared<std::string>();
    auto status = std::make_shared<std::string>();
    auto text = std::make_shared<std::string>();
    auto limit = std::make_shared<int>(50);
    auto offset = std::make_shared<int>(0);
    c->add_flag("--open", *open, "Only open incidents (investigating, identified, monitoring)");
    c->add_option("--severity", *severity, "Only this severity");
    c->add_option("--status", *status, "Only this status");
    c->add_option("--query,-q", *text, "Text in the summary or id");
    c->add_option("--limit", *limit, "At most this many (1-1000)")->check(CLI::Range(1, 1000));
    c->add_option("--offset", *offset, "Skip this many")->check(CLI::NonNegativeNumber);
    c->add_flag("--json", o.json, "Print JSON");
    c->callback([=] {
      *run = [=] {
        std::string path = "/api/v1/incidents?limit=" + std::to_string(*limit) +
                           "&offset=" + std::to_string(*offset);
        if (*open) path += "&open=true";
        auto enc = [](const std::string& s) {
          std::string out;
          for (unsigned char ch : s) {
            if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.') {
              out += static_cast<char>(ch);
            } else {
              char buf[4];
              std::snprintf(buf, sizeof buf, "%%%02X", ch);
              out += buf;
            }
          }
          return out;
        };
        if (!severity->empty()) path += "&severity=" + enc(*severity);
        if (!status->empty()) path += "&status=" + enc(*status);
        if (!text->empty()) path += "&q=" + enc(*text);
        return Print(*opts, "GET", path, nullptr, FormatIncidentList);
      };
    });
  }

  // policy
  {
    auto* p = app.add_subcommand("policy", "The severity policy in force");
    p->require_subcommand(1);
    auto* show = p->add_subcommand("show", "Print the policy the server runs");
    show->add_flag("--json", o.json, "Print JSON");
    show->callback([opts, run] {
      *run = [opts] { return Print(*opts, "GET", "/api/v1/policy", nullptr, FormatPolicy); };
    });
    auto* cl = p->add_subcommand("classify", "Suggest a severity from the impact, and say why");
    auto body = std::make_shared<json::object>();
    cl->add_option_function<double>(
        "--customers-affected-pct", [body](double v) { (*body)["customers_affected_pct"] = v; },
        "Share affected, 0-100");
    cl->add_flag_callback(
        "--data-loss", [body] { (*body)["data_loss"] = true; }, "Data loss or corruption");
    cl->add_flag_callback(
        "--security", [body] { (*body)["security_breach"] = true; }, "A security breach or attack");
    cl->add_flag_callback(
        "--payments-down", [body] { (*body)["payments_down"] = true; },
        "Payments completely broken");
    cl->add_flag("--json", o.json, "Print JSON");
    cl->callback([opts, run, body] {
      *run = [opts, body] {
        return Print(
            *opts, "POST", "/api/v1/policy/classify", body.get(), [](const json::object& r) {
              std::string out =
                  Text(r.if_contains("severity")) + " (" + Text(r.if_contains("alias")) + ")\n";
              for (const auto& why : r.at("reasons").as_array()) out += "  - " + Text(&why) + "\n";
              return out;
            });
      };
    });
  }

  // users and tokens (user_commands.cpp)
  AddUserCommands(app, opts, run);
  {
    auto* c = app.add_subcommand("whoami", "Show who the token belongs to");
    c->add_flag("--json", o.json, "Print JSON");
    c->callback([opts, run] {
      *run = [opts] {
        return Print(*opts, "GET", "/api/v1/me", nullptr, [](const json::object& r) {
          return Text(r.if_contains("handle")) + " (" + Text(r.if_contains("permission")) + ")\n";
        });
      };
    });
  }

  // integrations and alerts
  {
    auto* in = app.add_subcommand("integration", "Alert sources and their keys (admins)");
    in->require_subcommand(1);
    auto* create = in->add_subcommand("create", "Create an integration and print its key, once");
    auto body = std::make_shared<json::object>();
    str(create, body, "--type", "type", "alertmanager, grafana, pagerduty or generic", true);
    str(create, body, "--name", "name", "A name, such as prod-alerts", true);
    create->add_flag("--json", o.json, "Print JSON");
    create->callback([opts, run, body] {
      *run = [opts, body] {
        std::string server = ServerUrl(*opts);
        return Print(
            *opts, "POST", "/api/v1/integrations", body.get(), [server](const json::object& r) {
              return "Created " + Text(r.if_contains("name")) + " (" + Text(r.if_contains("type")) +
                     "). Its key, shown once:\n" + Text(r.if_contains("key")) + "\n\n" +
                     SenderSetup(Text(r.if_contains("type")), server, Text(r.if_contains("key")));
            });
      };
    });
    auto* list = in->add_subcommand("list", "List integrations");
    list->add_flag("--json", o.json, "Print JSON");
    list->callback([opts, run] {
      *run = [opts] {
        return Print(*opts, "GET", "/api/v1/integrations", nullptr, [](const json::object& r) {
          std::vector<std::vector<std::string>> rows;
          for (const auto& v : r.at("items").as_array()) {
            const auto& i = v.as_object();
            rows.push_back({Text(i.if_contains("name")), Text(i.if_contains("type")),
                            Text(i.if_contains("enabled")) == "yes" ? "enabled" : "disabled",
                            Text(i.if_contains("created_at")), Text(i.if_contains("reports")),
                            Text(i.if_contains("last_report_at"))});
          }
          if (rows.empty())
            return std::string(
                "No integrations yet: warroom integration create --type alertmanager --name "
                "prod-alerts\n");
          return Table({"NAME", "TYPE", "STATE", "CREATED", "REPORTS", "LAST REPORT"}, rows);
        });
      };
    });
    for (const char* action : {"enable", "disable", "rotate"}) {
      auto* c = in->add_subcommand(
          action, std::string(action) == "rotate"
                      ? "Replace an integration's key (the old one stops at once)"
                      : std::string(action == std::string("enable") ? "Enable" : "Disable") +
                            " an integration");
      auto name = std::make_shared<std::string>();
      c->add_option("name", *name, "The integration")->required();
      c->add_flag("--json", o.json, "Print JSON");
      std::string act = action;
      c->callback([opts, run, name, act] {
        *run = [opts, name, act] {
          return Print(*opts, "POST", "/api/v1/integrations/" + *name + "/" + act, nullptr,
                       [act](const json::object& r) {
                         if (act == "rotate")
                           return "New key, shown once:\n" + Text(r.if_contains("key")) + "\n";
                         return Text(r.if_contains("name")) + " " + act + "d\n";
                       });
        };
      });
    }
  }
  AddAlertsCommands(app, opts, run);

  // outbox
  {
    auto* ob = app.add_subcommand("outbox", "Outbound messages and their delivery (admins)");
    ob->require_subcommand(1);
    auto* list = ob->add_subcommand("list", "List messages, newest first");
    auto failed = std::make_shared<bool>(false);
    auto state = std::make_shared<std::string>();
    auto incident = std::make_shared<std::string>();
    auto limit = std::make_shared<int>(100);
    list->add_flag("--failed", *failed, "Only dead-lettered and unknown-outcome messages");
    list->add_option("--state", *state, "pending, delivered, dead or unknown");
    list->add_option("--incident", *incident, "Only this incident's messages");
    list->add_option("--limit", *limit, "At most this many (1-1000)")->check(CLI::Range(1, 1000));
    list->add_flag("--json", o.json, "Print JSON");
    list->callback([=] {
      *run = [=] {
        std::string path = "/api/v1/outbox?limit=" + std::to_string(*limit);
        if (*failed)
          path += "&state=failed";
        else if (!state->empty())
          path += "&state=" + *state;
        if (!incident->empty()) path += "&incident=" + *incident;
        return Print(*opts, "GET", path, nullptr, [](const json::object& r) {
          std::vector<std::vector<std::string>> rows;
          for (const auto& v : r.at("items").as_array()) {
            const auto& m = v.as_object();
            auto f = [&](const char* k) { return Text(m.if_contains(k)); };
            rows.push_back({f("id"), f("incident_id"), f("kind"), f("destination"), f("state"),
                            f("attempts"), f("last_error")});
          }
          if (rows.empty()) return std::string("No messages match.\n");
          return Table({"ID", "INCIDENT", "KIND", "DESTINATION", "STATE", "ATTEMPTS", "LAST ERROR"},
                       rows);
        });
      };
    });
    auto* show = ob->add_subcommand("show", "Show one message and every delivery attempt");
    auto id = std::make_shared<std::string>();
    show->add_option("id", *id, "Message id")->required();
    show->add_flag("--json", o.json, "Print JSON");
    show->callback([=] {
      *run = [=] {
        return Print(*opts, "GET", "/api/v1/outbox/" + *id, nullptr, [](const json::object& m) {
          auto f = [&](const char* k) { return Text(m.if_contains(k)); };
          std::string out = "#" + f("id") + " " + f("kind") + " to " + f("destination") + " for " +
                            f("incident_id") + ": " + f("state") + " after " + f("attempts") +
                            " attempt(s)\n\n" + f("text") + "\n\n";
          std::vector<std::vector<std::string>> rows;
          for (const auto& a : m.at("attempts_detail").as_array()) {
            const auto& ao = a.as_object();
            auto g = [&](const char* k) { return Text(ao.if_contains(k)); };
            rows.push_back(
                {g("attempt"), g("started_at"), g("outcome"), g("http_status"), g("detail")});
          }
          return out + Table({"#", "STARTED", "OUTCOME", "HTTP", "DETAIL"}, rows);
        });
      };
    });
    auto* retry = ob->add_subcommand("retry", "Queue a dead-lettered or unknown message again");
    auto rid = std::make_shared<std::string>();
    retry->add_option("id", *rid, "Message id")->required();
    retry->add_flag("--json", o.json, "Print JSON");
    retry->callback([=] {
      *run = [=] {
        return Print(*opts, "POST", "/api/v1/outbox/" + *rid + "/retry", nullptr,
                     [](const json::object& m) {
                       return "Message " + Text(m.if_contains("id")) + " queued again\n";
                     });
      };
    });
  }

  // clock
  {
    auto* c =
        app.add_subcommand("clock", "The server's clock (simulated time for tests and drills)");
    c->require_subcommand(1);
    auto* show = c->add_subcommand("show", "Print the server's time");
    show->add_flag("--json", o.json, "Print JSON");
    show->callback([opts, run] {
      *run = [opts] {
        return Print(*opts, "GET", "/api/v1/clock", nullptr, [](const json::object& r) {
          return Text(r.if_contains("now")) +
                 (r.at("simulated").as_bool() ? " (simulated)\n" : "\n");
        });
      };
    });
    auto* adv = c->add_subcommand(
        "advance", "Advance simulated time (admin; server started with --clock simulated:...)");
    auto by = std::make_shared<std::string>();
    adv->add_option("duration", *by, "How far, e.g. 30m, 2h, 1d")->required();
    adv->add_flag("--json", o.json, "Print JSON");
    adv->callback([opts, run, by] {
      *run = [opts, by] {
        json::object b{{"by", *by}};
        return Print(*opts, "POST", "/api/v1/clock/advance", &b, [](const json::object& r) {
          return "Now " + Text(r.if_contains("now")) + "\n";
        });
      };
    });
  }
}

}  // namespace warroom::cli
