#pragma once

#include <string>
#include <vector>

#include "http/client_limits.hpp"

namespace warroom::app {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string database = "sqlite:var/warroom.db";
  std::string clock = "system";
  std::string admin_handle = "admin";
  std::string policy_file;  // empty: the built-in default (the spec)
  std::string signing_key;  // empty: next to the database, "<db>.signing-key"
  // Templates, destinations, routes, people, alert routing, integrations.
  std::string config_file;
  int threads = 0;  // 0: one per core, at least 2
  // Alert ingest requests that may wait for the writer before senders are
  // told to retry (503 / 429); 0 refuses all ingest.
  int ingest_queue_limit = 4096;
  // Per-client bounds of the HTTP edge (defaults in http::ClientBounds), and
  // the proxies (CIDRs, as given to --trusted-proxy) whose client headers count.
  http::ClientBounds client_bounds;
  std::vector<std::string> trusted_proxies;
  // HTTPS: the certificate (chain) and its private key, PEM, both or neither;
  // SIGHUP reloads them (docs/tls.md).
  std::string tls_cert;
  std::string tls_key;
  // On a shared database: how long the background lease lasts without a
  // renewal (renewed every 3/10 of it); the take-over after a holder dies
  // comes within about 1.3 times it.
  std::string background_lease = "10s";
  // The public status page kept as static files here on every build (empty:
  // none); docs/status-page.md.
  std::string status_page_mirror;
  // The public status page on a listener of its own, HOST:PORT (empty: none;
  // it is always on --listen too), and the per-client bounds there: a page
  // everyone reloads in an outage meets these, not the responders' API
  // (trusted proxies as --trusted-proxy; docs/status-page.md).
  std::string status_page_listen;
  http::ClientBounds status_page_bounds{.max_connections_per_client = 16,
                                        .requests_per_second_per_client = 20};
};

// Runs the server until SIGTERM/SIGINT (SIGHUP reloads the TLS certificate
// when there is one); returns the process exit code.
int Serve(const ServeOptions& o);

}  // namespace warroom::app
