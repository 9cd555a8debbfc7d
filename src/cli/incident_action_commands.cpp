// `warroom ack|assign|...|visibility ID`: the incident's commands
// (docs/api.md, "Incidents").
#include "cli/incident_action_commands.hpp"

#include "cli/format.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

// The incident a command acts on, and when it happened.
struct Target {
  std::string id;
  std::string at;
};

std::shared_ptr<Target> AddTarget(CLI::App* c) {
  auto t = std::make_shared<Target>();
  c->add_option("id", t->id, "Incident id, such as INC-2026-02-12-001")->required();
  c->add_option("--at", t->at,
                "When it happened (RFC 3339, e.g. 2026-02-12T14:25:00Z); default now");
  return t;
}

// POSTs `body` (with "at" when given) to the incident's `tail` path.
int Post(const ClientOptions& o, const Target& t, const std::string& tail, json::object body) {
  if (!t.at.empty()) body["at"] = t.at;
  return Print(o, "POST", "/api/v1/incidents/" + t.id + "/" + tail, &body, FormatIncidentLine);
}

using Setup = std::function<void(CLI::App*, const Body&)>;

// A command posting to /api/v1/incidents/{id}/{action}; `setup` adds its
// own flags, which fill the body.
void AddAction(CLI::App& app, const Registrar& k, const char* name, const char* action,
               const char* help, const Setup& setup) {
  auto* c = app.add_subcommand(name, help);
  auto target = AddTarget(c);
  auto body = std::make_shared<json::object>();
  k.JsonFlag(c, "Print the API's JSON answer");
  if (setup) setup(c, body);
  c->callback([opts = k.opts, run = k.run, target, body, tail = std::string(action)] {
    *run = [opts, target, body, tail] { return Post(*opts, *target, tail, *body); };
  });
}

// A required positional that sets body[key].
void BodyPositional(CLI::App* c, const Body& body, const char* name, const char* key,
                    const char* help) {
  c->add_option_function<std::string>(
       name, [body, key](const std::string& v) { (*body)[key] = v; }, help)
      ->required();
}

void AddLifecycle(CLI::App& app, const Registrar& k) {
  AddAction(app, k, "ack", "acknowledge", "Acknowledge an incident: you are engaged as a responder",
            nullptr);
  AddAction(app, k, "assign", "roles",
            "Assign a role (incident-commander, technical-lead, communications-lead, scribe); IC "
            "is handed over by the IC or an admin, or taken for yourself while vacant",
            [](CLI::App* c, const Body& body) {
              BodyString(c, body, "--role", "role",
                         "incident-commander, technical-lead, communications-lead or scribe")
                  ->required();
              BodyString(c, body, "--to", "user", "The user's handle")->required();
            });
  AddAction(app, k, "identify", "identify", "Record the root cause (investigating -> identified)",
            [](CLI::App* c, const Body& body) {
              BodyString(c, body, "--root-cause", "root_cause", "What caused it")->required();
              BodyString(c, body, "--category", "category",
                         "A root-cause category from the policy (see `warroom policy show`)")
                  ->required();
            });
  AddAction(app, k, "mitigate", "mitigate", "Record that service is restored (-> monitoring)",
            [](CLI::App* c, const Body& body) {
              BodyPositional(c, body, "action", "action",
                             "What was done, e.g. \"Rolled back to v2.3.0\"");
            });
  AddAction(app, k, "resolve", "resolve",
            "Resolve (IC or admin; from monitoring; needs a root cause and an hour of stability)",
            [](CLI::App* c, const Body& body) {
              BodyPositional(c, body, "summary", "summary", "How it was resolved");
              c->add_flag_callback(
                  "--force", [body] { (*body)["force"] = true; },
                  "Resolve within the stability window (needs --reason)");
              BodyString(c, body, "--reason", "reason", "Why resolving early is safe");
            });
  AddAction(app, k, "close", "close",
            "Close a resolved incident (IC or admin; needs --pir-url when a PIR is mandatory)",
            [](CLI::App* c, const Body& body) {
              BodyString(c, body, "--pir-url", "pir_url", "Where the post-incident review is");
            });
  AddAction(app, k, "reopen", "reopen",
            "Reopen a monitoring or resolved incident (-> investigating)",
            [](CLI::App* c, const Body& body) {
              BodyString(c, body, "--reason", "reason", "Why it is reopened")->required();
            });
  AddAction(app, k, "dismiss", "dismiss",
            "Dismiss an investigating incident as a false alarm (IC or admin; kept out of metrics)",
            [](CLI::App* c, const Body& body) {
              BodyString(c, body, "--reason", "reason", "false-alarm or duplicate")->required();
              BodyString(c, body, "--note", "note", "Details");
            });
  AddAction(app, k, "severity", "severity", "Change the severity (IC or admin)",
            [](CLI::App* c, const Body& body) {
              BodyString(c, body, "--to", "severity", "The new severity, P0..P3")->required();
              BodyString(c, body, "--reason", "reason", "Why")->required();
            });
}

void AddJoinAndNote(CLI::App& app, const Registrar& k) {
  AddAction(app, k, "join", "responders", "Join as a responder (or add --user)",
            [opts = k.opts](CLI::App* c, const Body& body) {
              BodyString(c, body, "--user", "user", "Who joins (default: you)");
              c->parse_complete_callback([body, opts] {
                if (!body->contains("user")) {
                  auto me = MakeClient(*opts).Call("GET", "/api/v1/me");
                  if (me.ok()) (*body)["user"] = me->as_object().at("handle");
                }
              });
            });
  AddAction(app, k, "note", "notes", "Add a note to the timeline",
            [](CLI::App* c, const Body& body) {
              BodyPositional(c, body, "text", "text", "The note");
              (*body)["kind"] = "finding";
              BodyString(c, body, "--kind", "kind",
                         "finding (default), decision, action, customer-report or deployment");
            });
}

// `update`: written text or a template, one of them.
void AddUpdate(CLI::App& app, const Registrar& k) {
  auto* c = app.add_subcommand(
      "update", "Post an update, written or from a template (meets the update clock)");
  auto target = AddTarget(c);
  auto text = std::make_shared<std::string>();
  auto tmpl = std::make_shared<std::string>();
  auto audience = std::make_shared<std::string>();
  c->add_option("text", *text, "The update (or use --template)");
  c->add_option("--template", *tmpl,
                "Render a communication template instead, e.g. status-identified (see `warroom "
                "comms templates`)");
  c->add_option(
      "--audience", *audience,
      "internal, executives, status-page or customers (default: internal, or the template's)");
  k.JsonFlag(c, "Print the API's JSON answer");
  c->callback([opts = k.opts, run = k.run, target, text, tmpl, audience] {
    if (text->empty() == tmpl->empty())
      throw CLI::ValidationError("update",
                                 "give the update's text or --template NAME (one of them)");
    *run = [opts, target, text, tmpl, audience] {
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
      return Post(*opts, *target, "updates", std::move(b));
    };
  });
}

void AddLinksAndTasks(CLI::App& app, const Registrar& k) {
  AddAction(app, k, "link", "links", "Link a war room, incident doc or dashboard",
            [](CLI::App* c, const Body& body) {
              BodyPositional(c, body, "url", "url", "The URL or channel");
              (*body)["kind"] = "incident-doc";
              BodyString(c, body, "--kind", "kind",
                         "war-room, incident-doc (default), dashboard, ticket, ...");
              BodyString(c, body, "--title", "title", "A title");
            });
  AddAction(app, k, "task", "tasks", "Delegate a task", [](CLI::App* c, const Body& body) {
    BodyPositional(c, body, "title", "title", "What to do");
    BodyString(c, body, "--assignee", "assignee", "Who does it");
  });
  auto* c = app.add_subcommand("task-done", "Mark a delegated task done");
  auto target = AddTarget(c);
  auto n = std::make_shared<int>(0);
  c->add_option("task", *n, "The task number")->required();
  k.Runs(
      c,
      [opts = k.opts, target, n] {
        return Post(*opts, *target, "tasks/" + std::to_string(*n) + "/complete", {});
      },
      "Print the API's JSON answer");
}

void AddImpact(CLI::App& app, const Registrar& k) {
  AddAction(
      app, k, "impact", "impact",
      "Record the impact (customers, components, workaround, ETA, revenue)",
      [](CLI::App* c, const Body& body) {
        c->add_option_function<std::int64_t>(
            "--customers-affected", [body](std::int64_t v) { (*body)["customers_affected"] = v; },
            "How many customers");
        c->add_option_function<double>(
            "--customers-affected-pct", [body](double v) { (*body)["customers_affected_pct"] = v; },
            "Share, 0-100");
        c->add_option_function<std::vector<std::string>>(
            "--component",
            [body](const std::vector<std::string>& v) {
              json::array a;
              for (const auto& s : v) a.emplace_back(s);
              (*body)["affected_components"] = std::move(a);
            },
            "Affected components (repeatable)");
        BodyString(c, body, "--workaround", "workaround", "A workaround customers can use");
        BodyString(c, body, "--eta", "eta", "Expected resolution (RFC 3339)");
        BodyString(c, body, "--revenue-impact", "revenue_impact", "Revenue impact, free text");
        BodyString(c, body, "--impact-start", "impact_start", "When impact began (RFC 3339)");
      });
}

// The IC's authority: paging, code freezes and visibility.
void AddAuthority(CLI::App& app, const Registrar& k) {
  AddAction(app, k, "page", "page", "Page a person or a group, even off duty (the IC's authority)",
            [](CLI::App* c, const Body& body) {
              BodyString(c, body, "--to", "to", "A user's handle or a responder group")->required();
              BodyString(c, body, "--reason", "reason", "Why they are needed");
            });
  AddAction(app, k, "freeze", "freeze",
            "Declare a code freeze (the IC's authority); deploy pipelines read `warroom freezes`",
            [](CLI::App* c, const Body& body) {
              BodyString(c, body, "--reason", "reason", "Why deploys must stop")->required();
            });
  AddAction(app, k, "unfreeze", "unfreeze", "Lift the incident's code freeze",
            [](CLI::App* c, const Body& body) {
              BodyString(c, body, "--reason", "reason", "Why deploys may resume");
            });
  AddAction(app, k, "visibility", "visibility",
            "Make an incident public or restricted (IC or admin)",
            [](CLI::App* c, const Body& body) {
              BodyString(c, body, "--to", "visibility", "public or restricted")->required();
              BodyString(c, body, "--reason", "reason", "Why")->required();
            });
}

}  // namespace

void AddIncidentActionCommands(CLI::App& app, const Registrar& k) {
  AddLifecycle(app, k);
  AddJoinAndNote(app, k);
  AddUpdate(app, k);
  AddLinksAndTasks(app, k);
  AddImpact(app, k);
  AddAuthority(app, k);
}

}  // namespace warroom::cli
