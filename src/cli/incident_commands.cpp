// `warroom declare|show|timeline|list`.
#include "cli/incident_commands.hpp"

#include "cli/format.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

void AddDeclare(CLI::App& app, const Registrar& k) {
  auto* c = app.add_subcommand("declare", "Declare an incident");
  auto body = std::make_shared<json::object>();
  auto at = std::make_shared<std::string>();
  auto components = std::make_shared<std::vector<std::string>>();
  auto impact = std::make_shared<json::object>();
  BodyString(c, body, "--severity", "severity",
             "P0..P3 or SEV-1..SEV-4 (see `warroom policy classify`)")
      ->required();
  BodyString(c, body, "--summary", "summary", "One-line description")->required();
  BodyString(c, body, "--detected-at", "detected_at",
             "When the alert fired or the issue was reported (RFC 3339)");
  BodyString(c, body, "--source", "source",
             "automated-monitoring, customer-report, internal-discovery (default) or "
             "security-alert");
  BodyString(c, body, "--visibility", "visibility",
             "public or restricted (default restricted for security alerts)");
  c->add_option("--at", *at, "When it was declared (RFC 3339); default now");
  c->add_option_function<std::int64_t>(
      "--customers-affected", [impact](std::int64_t n) { (*impact)["customers_affected"] = n; },
      "How many customers are affected");
  c->add_option_function<double>(
      "--customers-affected-pct", [impact](double p) { (*impact)["customers_affected_pct"] = p; },
      "Share of customers affected, 0-100");
  c->add_option("--component", *components, "An affected component (repeatable)");
  k.Runs(
      c,
      [opts = k.opts, body, at, components, impact] {
        json::object b = *body;
        if (!at->empty()) b["at"] = *at;
        json::object imp = *impact;
        if (!components->empty()) {
          json::array a;
          for (const auto& s : *components) a.emplace_back(s);
          imp["affected_components"] = std::move(a);
        }
        if (!imp.empty()) b["impact"] = std::move(imp);
        return Print(*opts, "POST", "/api/v1/incidents", &b, FormatIncidentLine);
      },
      "Print the API's JSON answer");
}

// `warroom show ID` and `warroom timeline ID`.
void AddViews(CLI::App& app, const Registrar& k) {
  auto* show = app.add_subcommand("show", "Show an incident: state, clocks and MTTx");
  auto id = std::make_shared<std::string>();
  show->add_option("id", *id, "Incident id")->required();
  k.Runs(show, [opts = k.opts, id] {
    return Print(*opts, "GET", "/api/v1/incidents/" + *id, nullptr, FormatIncident);
  });
  auto* timeline = app.add_subcommand("timeline", "Show an incident's timeline of events");
  auto tid = std::make_shared<std::string>();
  timeline->add_option("id", *tid, "Incident id")->required();
  k.Runs(timeline, [opts = k.opts, tid] {
    return Print(*opts, "GET", "/api/v1/incidents/" + *tid + "/timeline", nullptr, FormatTimeline);
  });
}

// What `warroom list` asks for.
struct ListQuery {
  bool open = false;
  std::string severity;
  std::string status;
  std::string text;
  int limit = 50;
  int offset = 0;

  std::string Path() const {
    std::string path =
        "/api/v1/incidents?limit=" + std::to_string(limit) + "&offset=" + std::to_string(offset);
    if (open) path += "&open=true";
    if (!severity.empty()) path += "&severity=" + QueryValue(severity);
    if (!status.empty()) path += "&status=" + QueryValue(status);
    if (!text.empty()) path += "&q=" + QueryValue(text);
    return path;
  }
};

void AddList(CLI::App& app, const Registrar& k) {
  auto* c = app.add_subcommand("list", "List incidents, newest first");
  auto q = std::make_shared<ListQuery>();
  c->add_flag("--open", q->open, "Only open incidents (investigating, identified, monitoring)");
  c->add_option("--severity", q->severity, "Only this severity");
  c->add_option("--status", q->status, "Only this status");
  c->add_option("--query,-q", q->text, "Text in the summary or id");
  c->add_option("--limit", q->limit, "At most this many (1-1000)")->check(CLI::Range(1, 1000));
  c->add_option("--offset", q->offset, "Skip this many")->check(CLI::NonNegativeNumber);
  k.Runs(c, [opts = k.opts, q] {
    return Print(*opts, "GET", q->Path(), nullptr, FormatIncidentList);
  });
}

}  // namespace

void AddIncidentCommands(CLI::App& app, const Registrar& k) {
  AddDeclare(app, k);
  AddViews(app, k);
  AddList(app, k);
}

}  // namespace warroom::cli
