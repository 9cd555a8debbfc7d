// warroom: the server (`warroom serve`), the offline check (`warroom verify`)
// and the command-line client (every other subcommand).
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "app/admin_command.hpp"
#include "app/check_commands.hpp"
#include "app/migrate_command.hpp"
#include "app/routes_command.hpp"
#include "app/serve.hpp"
#include "app/verify_command.hpp"
#include "cli/client.hpp"
#include "cli/commands.hpp"
#include "config/policy_yaml.hpp"

namespace {

// What a subcommand's callback sets: the work to do once parsing succeeded.
using Run = std::shared_ptr<std::function<int()>>;

std::string EnvOr(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

// The options of the local commands, kept by main for the parse and the run.
struct VerifyArgs {
  std::string database = EnvOr("WARROOM_DATABASE", "sqlite:var/warroom.db");
  bool json = false;
  std::string key;
};
struct MigrateArgs {
  std::string from;
  std::string to;
  bool json = false;
};
struct CheckArgs {
  std::string path;
  bool json = false;
};
struct LocalArgs {
  warroom::app::ServeOptions serve;
  VerifyArgs verify;
  MigrateArgs migrate;
  bool routes_json = false;
  CheckArgs policy_check;
  CheckArgs config_check;
  warroom::app::AdminResetArgs admin_reset;
};

void AddGlobalOptions(CLI::App& app, warroom::cli::ClientOptions& opts) {
  app.add_option("--server", opts.server,
                 "Server URL (default $WARROOM_SERVER or http://127.0.0.1:8080)");
  app.add_option("--cacert", opts.cacert,
                 "CA certificates (PEM) to verify an https:// server with, instead of the "
                 "system's trust store (default $WARROOM_CACERT)");
}

// `serve`: where it listens, what it stores and which files it reads.
void AddServeSetupOptions(CLI::App& s, warroom::app::ServeOptions& serve) {
  s.add_option("--listen", serve.listen,
               "HOST:PORT to bind (default 127.0.0.1:8080; port 0 picks one)")
      ->capture_default_str();
  s.add_option("--database", serve.database,
               "sqlite:PATH or postgres://USER@HOST:PORT/DB (default sqlite:var/warroom.db)")
      ->capture_default_str();
  s.add_option("--clock", serve.clock,
               "system, or simulated:2026-02-12T14:00:00Z for tests and drills");
  s.add_option("--admin", serve.admin_handle, "Handle of the admin created on first start")
      ->capture_default_str();
  s.add_option("--policy", serve.policy_file,
               "A YAML severity policy (default: the built-in one, the spec's)");
  s.add_option("--config", serve.config_file,
               "Config (YAML): templates, destinations, routes, responders, people, "
               "alert_routing, integrations");
  s.add_option("--signing-key", serve.signing_key,
               "Ed25519 key file for checkpoints, kept outside the database (default: "
               "<database>.signing-key)");
  s.add_option("--threads", serve.threads, "Network threads (default: one per core, at least 2)");
  s.add_option("--background-lease", serve.background_lease,
               "PostgreSQL: how long the background lease lasts unrenewed, 1s to 5m (another "
               "instance takes over within about 1.3 times it)")
      ->capture_default_str();
  s.add_option("--status-page-mirror", serve.status_page_mirror,
               "Keep the public status page, its JSON and feed as static files in this folder, "
               "written on every change, for a web server or CDN to serve (docs/status-page.md)");
  s.add_option("--status-page-listen", serve.status_page_listen,
               "HOST:PORT of a listener that serves only the public status page, its feed and "
               "JSON, with bounds of its own (plain HTTP, for the proxy or CDN in front)");
}

// `serve`: the ingest queue's bound and the per-client bounds (defaults in
// http::ClientBounds); 0 turns one off.
void AddServeBoundOptions(CLI::App& s, warroom::app::ServeOptions& serve) {
  s.add_option("--ingest-queue-limit", serve.ingest_queue_limit,
               "Alert ingest requests that may wait to be stored before senders are told to "
               "retry (503 / 429); 0 refuses all ingest")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  auto& bounds = serve.client_bounds;
  s.add_option("--max-connections-per-client", bounds.max_connections_per_client,
               "Open connections per client address; beyond, 429 (0: no bound)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  s.add_option("--max-requests-per-second-per-client", bounds.requests_per_second_per_client,
               "Requests a second per client address, with a burst of two seconds' worth; "
               "beyond, 429 with Retry-After (0: no bound; /healthz and /readyz are exempt)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  s.add_option("--header-timeout", bounds.header_timeout_seconds,
               "Seconds within which a whole request header must arrive (0: the idle timeout)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  s.add_option("--min-body-rate", bounds.min_body_rate,
               "Bytes a second a request body must average after a 5 s grace; a slower one is "
               "cut (0: no bound)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  auto& page = serve.status_page_bounds;
  s.add_option("--status-page-max-connections-per-client", page.max_connections_per_client,
               "On --status-page-listen: open connections per client address (0: no bound)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  s.add_option("--status-page-max-requests-per-second-per-client",
               page.requests_per_second_per_client,
               "On --status-page-listen: requests a second per client address, with a burst of "
               "two seconds' worth (0: no bound)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
}

// `serve`: who may name the client (proxies) and HTTPS.
void AddServeNetworkOptions(CLI::App& s, warroom::app::ServeOptions& serve) {
  s.add_option("--trusted-proxy", serve.trusted_proxies,
               "A proxy (address or CIDR, IPv4 or IPv6; repeatable) whose X-Forwarded-For and "
               "PROXY protocol header name the client; from anyone else they are ignored");
  s.add_option("--tls-cert", serve.tls_cert,
               "Serve HTTPS with this certificate (PEM; the server's first, then its "
               "intermediates); needs --tls-key; SIGHUP reloads both (docs/tls.md)");
  s.add_option("--tls-key", serve.tls_key,
               "The private key of --tls-cert (PEM, unencrypted, readable by warroom only)");
}

void AddServe(CLI::App& app, warroom::app::ServeOptions& serve, const Run& run) {
  serve.listen = EnvOr("WARROOM_LISTEN", serve.listen);
  serve.database = EnvOr("WARROOM_DATABASE", serve.database);
  auto* s = app.add_subcommand("serve", "Run the warroom server");
  AddServeSetupOptions(*s, serve);
  AddServeBoundOptions(*s, serve);
  AddServeNetworkOptions(*s, serve);
  s->callback([&serve, run] { *run = [&serve] { return warroom::app::Serve(serve); }; });
}

void AddVerify(CLI::App& app, VerifyArgs& args, const Run& run) {
  auto* v = app.add_subcommand(
      "verify", "Check the event log's hash chains and sequence (offline, on the database)");
  v->add_option("--database", args.database, "sqlite:PATH or postgres://USER@HOST:PORT/DB")
      ->capture_default_str();
  v->add_option("--key", args.key,
                "The signing key file, or a public key file (default: <database>.signing-key)");
  v->add_flag("--json", args.json, "Print JSON");
  v->callback([&args, run] {
    *run = [&args] { return warroom::app::Verify(args.database, args.key, args.json); };
  });
}

void AddMigrate(CLI::App& app, MigrateArgs& args, const Run& run) {
  auto* m = app.add_subcommand(
      "migrate",
      "Copy a whole SQLite installation into an empty PostgreSQL database (offline: stop the "
      "server first), with progress, then check that both logs verify and agree");
  m->add_option("--from", args.from, "The source: sqlite:PATH")->required();
  m->add_option("--to", args.to, "The target: postgres://USER@HOST:PORT/DB (an empty database)")
      ->required();
  m->add_flag("--json", args.json, "Print JSON");
  m->callback([&args, run] {
    *run = [&args] { return warroom::app::Migrate(args.from, args.to, args.json); };
  });
}

void AddAdminReset(CLI::App& app, warroom::app::AdminResetArgs& args, const Run& run) {
  auto* admin = app.add_subcommand("admin", "Offline recovery on the database (no server needed)");
  admin->require_subcommand(1);
  auto* reset = admin->add_subcommand(
      "reset",
      "Make HANDLE an active admin again with a fresh API token and a one-time sign-in link, "
      "when no admin can act (the only admin's token lost); creates the user if missing; "
      "recorded on the administration chain. On SQLite stop the server first");
  args.database = EnvOr("WARROOM_DATABASE", "sqlite:var/warroom.db");
  args.url = EnvOr("WARROOM_SERVER", args.url);
  reset->add_option("handle", args.handle, "The admin's handle")->required();
  reset->add_option("--database", args.database, "sqlite:PATH or postgres://USER@HOST:PORT/DB")
      ->capture_default_str();
  reset->add_option("--reason", args.reason, "Why, for the record (\"only admin's token lost\")");
  reset->add_flag("--revoke", args.revoke,
                  "Also revoke every API token and session the user had (a token that may "
                  "have leaked)");
  reset->add_option("--url", args.url,
                    "The server's URL, for the sign-in link (default $WARROOM_SERVER or "
                    "http://127.0.0.1:8080)");
  reset->add_flag("--json", args.json, "Print JSON");
  reset->callback([&args, run] { *run = [&args] { return warroom::app::AdminReset(args); }; });
}

void AddRoutes(CLI::App& app, bool& json, const Run& run) {
  auto* routes = app.add_subcommand(
      "routes",
      "Print the API's route table: method, path pattern and the token scope each route needs "
      "(public, read, respond, admin, integration); local, no server needed");
  routes->add_flag("--json", json, "Print JSON");
  routes->callback([&json, run] { *run = [&json] { return warroom::app::PrintRoutes(json); }; });
}

// `policy check` reads a file locally: no server needed.
void AddPolicyCheck(CLI::App& app, CheckArgs& args, const Run& run) {
  auto* check = app.get_subcommand("policy")->add_subcommand(
      "check", "Check a policy file; report each problem with file, line and key");
  check->add_option("file", args.path, "The YAML policy file")
      ->required()
      ->check(CLI::ExistingFile);
  check->add_flag("--json", args.json, "Print JSON");
  check->callback(
      [&args, run] { *run = [&args] { return warroom::app::CheckPolicy(args.path, args.json); }; });
}

void AddConfigCheck(CLI::App& app, CheckArgs& args, const Run& run) {
  auto* cfg = app.add_subcommand("config", "The notifications config file");
  cfg->require_subcommand(1);
  auto* cfg_check = cfg->add_subcommand(
      "check", "Check a config file; report each problem with file, line and key");
  cfg_check->add_option("file", args.path, "The YAML config file")
      ->required()
      ->check(CLI::ExistingFile);
  cfg_check->add_flag("--json", args.json, "Print JSON");
  cfg_check->callback(
      [&args, run] { *run = [&args] { return warroom::app::CheckConfig(args.path, args.json); }; });
}

void AddPolicyDefault(CLI::App& app, const Run& run) {
  auto* def = app.get_subcommand("policy")->add_subcommand(
      "default", "Print the built-in policy (the spec's) as YAML: a starting point for --policy");
  def->callback([run] {
    *run = [] {
      std::cout << warroom::config::PolicyToYaml(warroom::core::DefaultPolicy());
      return 0;
    };
  });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"warroom: incident response, from the alert to the post-incident review", "warroom"};
  app.require_subcommand(1);
  app.fallthrough();  // --server may come after the subcommand
  app.set_version_flag("--version", "warroom 0.1.0");
  auto opts = std::make_shared<warroom::cli::ClientOptions>();
  auto run = std::make_shared<std::function<int()>>();
  AddGlobalOptions(app, *opts);

  // Registered in this order, which is the order `--help` lists them in.
  LocalArgs local;
  AddServe(app, local.serve, run);
  AddVerify(app, local.verify, run);
  AddMigrate(app, local.migrate, run);
  AddAdminReset(app, local.admin_reset, run);
  AddRoutes(app, local.routes_json, run);
  warroom::cli::AddClientCommands(app, opts, run);
  AddPolicyCheck(app, local.policy_check, run);
  AddConfigCheck(app, local.config_check, run);
  AddPolicyDefault(app, run);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : warroom::cli::exit_code::kUsage;
  }
  return *run ? (*run)() : warroom::cli::exit_code::kUsage;
}
