// warroom: the server (`warroom serve`), the offline check (`warroom verify`)
// and the command-line client (every other subcommand).
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "app/check_commands.hpp"
#include "app/routes_command.hpp"
#include "app/serve.hpp"
#include "app/verify_command.hpp"
#include "cli/client.hpp"
#include "cli/commands.hpp"
#include "config/policy_yaml.hpp"

namespace {

std::string EnvOr(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"warroom: incident response, from the alert to the post-incident review", "warroom"};
  app.require_subcommand(1);
  app.fallthrough();  // --server may come after the subcommand
  app.set_version_flag("--version", "warroom 0.1.0");
  auto opts = std::make_shared<warroom::cli::ClientOptions>();
  auto run = std::make_shared<std::function<int()>>();
  app.add_option("--server", opts->server,
                 "Server URL (default $WARROOM_SERVER or http://127.0.0.1:8080)");
  app.add_option("--cacert", opts->cacert,
                 "CA certificates (PEM) to verify an https:// server with, instead of the "
                 "system's trust store (default $WARROOM_CACERT)");

  warroom::app::ServeOptions serve;
  serve.listen = EnvOr("WARROOM_LISTEN", serve.listen);
  serve.database = EnvOr("WARROOM_DATABASE", serve.database);
  auto* s = app.add_subcommand("serve", "Run the warroom server");
  s->add_option("--listen", serve.listen,
                "HOST:PORT to bind (default 127.0.0.1:8080; port 0 picks one)")
      ->capture_default_str();
  s->add_option("--database", serve.database, "sqlite:PATH (default sqlite:var/warroom.db)")
      ->capture_default_str();
  s->add_option("--clock", serve.clock,
                "system, or simulated:2026-02-12T14:00:00Z for tests and drills");
  s->add_option("--admin", serve.admin_handle, "Handle of the admin created on first start")
      ->capture_default_str();
  s->add_option("--policy", serve.policy_file,
                "A YAML severity policy (default: the built-in one, the spec's)");
  s->add_option("--config", serve.config_file,
                "Config (YAML): templates, destinations, routes, responders, people, "
                "alert_routing, integrations");
  s->add_option("--signing-key", serve.signing_key,
                "Ed25519 key file for checkpoints, kept outside the database (default: "
                "<database>.signing-key)");
  s->add_option("--threads", serve.threads, "Network threads (default: one per core, at least 2)");
  s->add_option("--ingest-queue-limit", serve.ingest_queue_limit,
                "Alert ingest requests that may wait to be stored before senders are told to "
                "retry (503 / 429); 0 refuses all ingest")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  // The per-client bounds (defaults in http::ClientBounds); 0 turns one off.
  auto& bounds = serve.client_bounds;
  s->add_option("--max-connections-per-client", bounds.max_connections_per_client,
                "Open connections per client address; beyond, 429 (0: no bound)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  s->add_option("--max-requests-per-second-per-client", bounds.requests_per_second_per_client,
                "Requests a second per client address, with a burst of two seconds' worth; "
                "beyond, 429 with Retry-After (0: no bound; /healthz and /readyz are exempt)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  s->add_option("--header-timeout", bounds.header_timeout_seconds,
                "Seconds within which a whole request header must arrive (0: the idle timeout)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  s->add_option("--min-body-rate", bounds.min_body_rate,
                "Bytes a second a request body must average after a 5 s grace; a slower one is "
                "cut (0: no bound)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  s->add_option("--trusted-proxy", serve.trusted_proxies,
                "A proxy (address or CIDR, IPv4 or IPv6; repeatable) whose X-Forwarded-For and "
                "PROXY protocol header name the client; from anyone else they are ignored");
  s->add_option("--tls-cert", serve.tls_cert,
                "Serve HTTPS with this certificate (PEM; the server's first, then its "
                "intermediates); needs --tls-key; SIGHUP reloads both (docs/tls.md)");
  s->add_option("--tls-key", serve.tls_key,
                "The private key of --tls-cert (PEM, unencrypted, readable by warroom only)");
  s->callback([&] { *run = [&] { return warroom::app::Serve(serve); }; });

  std::string verify_db = EnvOr("WARROOM_DATABASE", "sqlite:var/warroom.db");
  bool verify_json = false;
  std::string verify_key;
  auto* v = app.add_subcommand(
      "verify", "Check the event log's hash chains and sequence (offline, on the database)");
  v->add_option("--database", verify_db, "sqlite:PATH")->capture_default_str();
  v->add_option("--key", verify_key,
                "The signing key file, or a public key file (default: <database>.signing-key)");
  v->add_flag("--json", verify_json, "Print JSON");
  v->callback(
      [&] { *run = [&] { return warroom::app::Verify(verify_db, verify_key, verify_json); }; });

  bool routes_json = false;
  auto* routes = app.add_subcommand(
      "routes",
      "Print the API's route table: method, path pattern and the token scope each route needs "
      "(public, read, respond, admin, integration); local, no server needed");
  routes->add_flag("--json", routes_json, "Print JSON");
  routes->callback([&] { *run = [&] { return warroom::app::PrintRoutes(routes_json); }; });

  warroom::cli::AddClientCommands(app, opts, run);

  // `policy check` reads a file locally: no server needed.
  std::string policy_path;
  bool policy_json = false;
  auto* check = app.get_subcommand("policy")->add_subcommand(
      "check", "Check a policy file; report each problem with file, line and key");
  check->add_option("file", policy_path, "The YAML policy file")
      ->required()
      ->check(CLI::ExistingFile);
  check->add_flag("--json", policy_json, "Print JSON");
  check->callback(
      [&] { *run = [&] { return warroom::app::CheckPolicy(policy_path, policy_json); }; });
  std::string config_path;
  bool config_json = false;
  auto* cfg = app.add_subcommand("config", "The notifications config file");
  cfg->require_subcommand(1);
  auto* cfg_check = cfg->add_subcommand(
      "check", "Check a config file; report each problem with file, line and key");
  cfg_check->add_option("file", config_path, "The YAML config file")
      ->required()
      ->check(CLI::ExistingFile);
  cfg_check->add_flag("--json", config_json, "Print JSON");
  cfg_check->callback(
      [&] { *run = [&] { return warroom::app::CheckConfig(config_path, config_json); }; });
  auto* def = app.get_subcommand("policy")->add_subcommand(
      "default", "Print the built-in policy (the spec's) as YAML: a starting point for --policy");
  def->callback([&] {
    *run = [] {
      std::cout << warroom::config::PolicyToYaml(warroom::core::DefaultPolicy());
      return 0;
    };
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : warroom::cli::exit_code::kUsage;
  }
  return *run ? (*run)() : warroom::cli::exit_code::kUsage;
}
