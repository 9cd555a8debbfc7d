#include "app/serve.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "app/change_feed.hpp"
#include "app/config_files.hpp"
#include "app/database_url.hpp"
#include "app/file_permissions.hpp"
#include "app/logging.hpp"
#include "app/simulated_time.hpp"
#include "engine/alert_router.hpp"
#include "engine/checkpointer.hpp"
#include "engine/clock_runner.hpp"
#include "engine/dispatcher.hpp"
#include "engine/incident_service.hpp"
#include "engine/ingest_service.hpp"
#include "engine/lease_keeper.hpp"
#include "engine/module_runner.hpp"
#include "engine/peer_refresh.hpp"
#include "engine/request_log.hpp"
#include "engine/simulated_time_follower.hpp"
#include "engine/user_service.hpp"
#include "http/api_routes.hpp"
#include "http/server.hpp"
#include "http/tls_context.hpp"
#include "notify/http_channel.hpp"
#include "store/fenced_store.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace warroom::app {

namespace asio = boost::asio;

namespace {

// How long SIGTERM waits for in-flight requests before closing anyway.
constexpr auto kDrainTimeout = std::chrono::seconds(10);
// While connections stay open after SIGTERM, how long the drain keeps
// answering them (and new ones) 503 with Retry-After before it stops
// accepting: a kept-alive client's next request hears "stopping", not a reset.
constexpr auto kDrainLinger = std::chrono::seconds(2);

// Certificates are judged by real time, as clients judge them, even when the
// server runs on a simulated clock.
TimePoint CertificateNow() {
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

// The HTTP edge as configured: the address, the per-client bounds and TLS.
struct Edge {
  std::pair<std::string, unsigned short> listen;
  http::ClientBounds bounds;
  std::shared_ptr<http::TlsContext> tls;
};

// Every problem is logged; nullopt: exit 2 (a configuration error). The
// certificate and key are read before anything is opened or written.
std::optional<Edge> LoadEdge(const ServeOptions& o) {
  auto listen = http::ParseListen(o.listen);
  if (!listen.ok()) {
    spdlog::error("{}", listen.error().message);
    return std::nullopt;
  }
  Edge edge{*listen, o.client_bounds, nullptr};
  std::vector<http::Cidr> proxies;
  for (const auto& text : o.trusted_proxies) {
    auto cidr = http::ParseCidr(text);
    if (!cidr.ok()) {
      spdlog::error("{}", cidr.error().message);
      return std::nullopt;
    }
    proxies.push_back(*cidr);
  }
  edge.bounds.trusted_proxies = http::CidrSet(std::move(proxies));
  if (o.tls_cert.empty() != o.tls_key.empty()) {
    spdlog::error(
        "{} given without {}: HTTPS needs both, the certificate (PEM, chain) and its "
        "private key (PEM); give neither for plain HTTP",
        o.tls_cert.empty() ? "--tls-key" : "--tls-cert",
        o.tls_cert.empty() ? "--tls-cert" : "--tls-key");
    return std::nullopt;
  }
  if (!o.tls_cert.empty()) {
    auto loaded = http::TlsContext::Load(o.tls_cert, o.tls_key);
    if (!loaded.ok()) {
      spdlog::error("{}", loaded.error().message);
      return std::nullopt;
    }
    edge.tls = *loaded;
    http::LogCertificate(*edge.tls, CertificateNow(), "at start:");
  }
  return edge;
}

// The database, its signing key and the clock.
struct Database {
  std::string where;  // for the log: the SQLite path, or PostgreSQL's host, port and database
  std::unique_ptr<store::Store> store;
  // Other instances may write it too (PostgreSQL): nothing read is served
  // from this process's memory without asking the database.
  bool shared = false;
  std::string conninfo;  // PostgreSQL's, for the change notifications (never logged)
  std::optional<store::SigningKey> key;
  std::shared_ptr<Clock> clock;
};

// This instance among those sharing a database: host name and process id.
std::string InstanceName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "unknown");
  return std::string(host) + "-" + std::to_string(getpid());
}

// Opens the database with every file it creates 0600. On failure logs why
// and sets `exit_code` (2: a bad option, 1: the files or the server).
std::optional<Database> OpenDatabase(const ServeOptions& o, int& exit_code) {
  exit_code = 2;
  auto url = ParseDatabaseUrl(o.database);
  if (!url.ok()) {
    spdlog::error("{}", url.error().message);
    return std::nullopt;
  }
  auto clock = MakeClock(o.clock);
  if (!clock.ok()) {
    spdlog::error("{}", clock.error().message);
    return std::nullopt;
  }
  exit_code = 1;
  bool sqlite = url->kind == DatabaseUrl::Kind::kSqlite;
  // Every file the server creates (database, WAL, SHM, key) is 0600.
  RestrictNewFiles();
  std::string key_path = o.signing_key.empty() ? DefaultSigningKey(*url) : o.signing_key;
  // The folder that gets the files: the database's, or (PostgreSQL) the key's.
  std::string local = sqlite ? url->target : key_path;
  std::error_code fs_ec;
  auto parent = std::filesystem::path(local).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, fs_ec);
  auto secured = SecureDatabaseFiles(local, key_path);
  if (!secured.ok()) {
    spdlog::error("refusing to start: {}", secured.error().message);
    return std::nullopt;
  }
  for (const auto& change : *secured) spdlog::warn("tightened permissions of {}", change);
  Database db;
  if (sqlite) {
    auto store = store::sqlite::SqliteStore::Open(url->target);
    if (!store.ok()) {
      spdlog::error("{}", store.error().message);
      return std::nullopt;
    }
    db.where = url->target;
    db.store = std::move(*store);
  } else {
    auto store = store::postgres::PgStore::Open(url->target);
    if (!store.ok()) {
      spdlog::error("{}", store.error().message);
      return std::nullopt;
    }
    db.where = (*store)->where();
    db.shared = true;
    db.conninfo = url->target;
    db.store = std::move(*store);
  }
  auto key = store::SigningKey::LoadOrCreate(key_path);
  if (!key.ok()) {
    spdlog::error("{}", key.error().message);
    return std::nullopt;
  }
  db.key = std::move(*key);
  db.clock = *clock;
  if (auto adopted = AdoptSimulatedTime(*db.store, *db.clock); !adopted.ok()) {
    spdlog::error("cannot keep the simulated time in the database: {}", adopted.error().message);
    return std::nullopt;
  }
  return db;
}

// Serves until SIGTERM/SIGINT and the drain: every request is answered 503
// (Server::BeginDrain) until the in-flight ones are done and the open
// connections closed or had kDrainLinger to hear it; kDrainTimeout bounds it
// all. SIGHUP, with TLS: a new context from the same two files for new
// handshakes; open connections keep theirs, and a reload that fails keeps
// the old one. Without TLS, SIGHUP keeps its default (it ends the process).
void RunUntilSignalled(asio::io_context& ioc, http::Server& server, const ServeOptions& o, bool tls,
                       std::atomic<bool>& ready) {
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer drain(ioc);
  auto signalled = std::chrono::steady_clock::now();
  std::function<void(boost::system::error_code)> wait_drain = [&](boost::system::error_code) {
    auto now = std::chrono::steady_clock::now();
    bool settled =
        server.in_flight() == 0 && (server.connections() == 0 || now - signalled >= kDrainLinger);
    if (settled || now - signalled > kDrainTimeout) {
      server.StopAccepting();
      ioc.stop();
      return;
    }
    drain.expires_after(std::chrono::milliseconds(20));
    drain.async_wait(wait_drain);
  };
  signals.async_wait([&](boost::system::error_code ec, int sig) {
    if (ec) return;
    spdlog::info("signal {}: draining in-flight requests", sig);
    ready = false;
    server.BeginDrain();
    signalled = std::chrono::steady_clock::now();
    wait_drain({});
  });
  std::optional<asio::signal_set> hup;
  std::function<void()> wait_hup = [&] {
    hup->async_wait([&](boost::system::error_code ec, int) {
      if (ec) return;
      auto loaded = http::TlsContext::Load(o.tls_cert, o.tls_key);
      if (!loaded.ok()) {
        spdlog::error("SIGHUP: TLS reload failed, the previous certificate stays in use: {}",
                      loaded.error().message);
      } else {
        server.UseTls(*loaded);
        spdlog::info(
            "SIGHUP: TLS certificate and key reloaded; new connections use them, open ones keep "
            "theirs");
        http::LogCertificate(**loaded, CertificateNow(), "after reload:");
      }
      wait_hup();
    });
  };
  if (tls) {
    hup.emplace(ioc, SIGHUP);
    wait_hup();
  }
  // Accepting, the signals and the timers, on this thread only; the
  // connections have threads of their own (Server::StartConnectionThreads).
  ioc.run();
  server.StopConnectionThreads();
}

// The address the server answers on, as a client would type it.
std::string UrlOf(const asio::ip::tcp::endpoint& ep, bool tls) {
  std::string host =
      ep.address().is_v6() ? "[" + ep.address().to_string() + "]" : ep.address().to_string();
  return std::string(tls ? "https://" : "http://") + host + ":" + std::to_string(ep.port());
}

// Background work: every module under one runner, on the server's clock.
// A commit wakes the module it made work due for.
struct Background {
  Background(store::Store& store, engine::IncidentService& incidents, std::shared_ptr<Clock> clock,
             std::map<std::string, engine::Destination> destinations, store::SigningKey key,
             engine::ChangeBus& bus)
      : bus(bus),
        fenced(store),
        clocks(incidents, clock),
        dispatcher(fenced, incidents, clock, std::move(destinations)),
        checkpointer(fenced, *clock, std::move(key)),
        modules(clock),
        follower(store, clock, modules) {
    // Breaches and the other records warroom makes itself are fenced too.
    incidents.SetBackgroundStore(&fenced);
    simulated = clock->IsSimulated();
    if (simulated) modules.SetTimeKeeper(SimulatedTimeKeeper(store, bus));
    incidents.SetCommitHook(
        [this](const core::IncidentState& s, const std::vector<core::ClockView>& views) {
          clocks.Schedule(s, views);
        });
  }
  // The clocks of every incident scheduled, the delivery workers and the
  // runner started; the store's error when the clocks cannot be loaded.
  // `shared`: other instances write the database too: the modules wait,
  // paused, until SetHeld(true) says this instance holds the lease, and
  // leases of outbox messages are left to expire (they may be another
  // live instance's).
  Outcome Start(bool shared) {
    dispatcher.Start(/*sole=*/!shared);
    WARROOM_RETURN_IF_ERROR(clocks.LoadIncidents());
    modules.Add(clocks);
    modules.Add(dispatcher);
    modules.Add(checkpointer);
    modules.Add(janitor);
    if (shared) {
      modules.Add(peers);
      modules.SetPaused(true);
      // What other instances commit: their announcements wake what must
      // refresh here (this instance's own changes reach its modules directly).
      bus.Subscribe([this](const engine::Change& c) {
        peers.Heard(c);
        if (c.from_peer &&
            (c.kind == engine::ChangeKind::kClock || c.kind == engine::ChangeKind::kEverything))
          follower.Wake();
      });
    }
    held = !shared;
    modules.Start();
    // Another instance may advance simulated time: this one follows.
    if (shared && simulated) follower.Start();
    spdlog::info("clock runner: {} clock(s) scheduled", clocks.scheduled());
    return Success();
  }
  // The lease gained (the clocks as the database has them now, then the
  // modules resumed) or lost (paused: another instance takes over).
  void SetHeld(bool now_held, const std::string& instance, std::int64_t epoch) {
    // The epoch's fence first: no module write of this term goes unchecked.
    if (now_held) fenced.SetFence({"background", instance, epoch});
    held = now_held;
    if (now_held) {
      if (auto r = clocks.LoadIncidents(); !r.ok())
        spdlog::warn("reloading the clocks failed: {} (the next refresh tries again)",
                     r.error().message);
    }
    modules.SetPaused(!now_held);
  }
  // The runner first (no tick after it), then the workers; the last
  // checkpoint covers the whole log, as `warroom verify` expects (signed by
  // the instance that runs the modules).
  void Stop() {
    follower.Stop();
    modules.Stop();
    dispatcher.Stop();
    if (!held) return;
    if (auto r = checkpointer.Checkpoint(); !r.ok())
      spdlog::warn("final checkpoint failed: {}", r.error().message);
  }

  engine::ChangeBus& bus;
  // The dispatcher's and checkpointer's store: on a shared database their
  // writes check the lease's epoch in their own transaction.
  store::FencedStore fenced;
  engine::ClockRunner clocks;
  engine::Dispatcher dispatcher;
  engine::Checkpointer checkpointer;
  engine::PeerRefresh peers{clocks, dispatcher};
  engine::RequestJanitor janitor{fenced};
  std::atomic<bool> held{true};
  engine::ModuleRunner modules;  // after its modules: destroyed first
  engine::SimulatedTimeFollower follower;
  bool simulated = false;
};

// The --config file's templates, destinations and ingest settings (none
// without --config). false, each problem printed and their count logged:
// exit 2.
bool LoadConfigFile(const ServeOptions& o, notify::TemplateSet& templates,
                    notify::DestinationsConfig& destinations, config::IngestConfig& ingest_config) {
  if (o.config_file.empty()) return true;
  auto problems = LoadConfig(o.config_file, templates, destinations, ingest_config);
  if (problems.empty()) return true;
  for (const auto& p : problems) std::cerr << p.ToString() << "\n";
  spdlog::error("the config file {} has {} problem(s), listed above", o.config_file,
                problems.size());
  return false;
}

// Ingest routes each stored alert group (declare, attach or triage), tells
// the notifier and wakes the dispatcher; its queue is bounded by
// --ingest-queue-limit.
void WireIngest(engine::IngestService& ingest, engine::AlertRouter& alert_router,
                engine::IncidentService& incidents, engine::Notifier& notifier,
                engine::Dispatcher& dispatcher, const config::IngestConfig& ingest_config,
                store::Store& store, int ingest_queue_limit) {
  alert_router.SetNotifier(&notifier);
  ingest.SetRouter(&alert_router, &incidents, [&dispatcher] { dispatcher.Wake(); });
  ingest.SetSignatures(ingest_config.signatures);
  store.SetLaneLimit(store::Store::Lane::kIngest, static_cast<std::size_t>(ingest_queue_limit));
}

// What the routes call; every pointer outlives the router (Serve owns them).
http::ApiServices ServicesFor(engine::IncidentService& incidents, engine::UserService& users,
                              std::shared_ptr<Clock> clock, std::atomic<bool>& ready,
                              store::Store& store, const notify::TemplateSet& templates,
                              Background& background, engine::IngestService& ingest) {
  http::ApiServices services;
  services.incidents = &incidents;
  services.users = &users;
  services.clock = std::move(clock);
  services.ready = [&ready] { return ready.load(); };
  // Not ready while the database cannot be written (disk full, read-only):
  // until a write succeeds again, a client's or the store's own probe.
  services.unready_reason = [db = &store] { return db->WriteFailure().value_or(""); };
  services.templates = &templates;
  services.dispatcher = &background.dispatcher;
  services.ingest = &ingest;
  services.requests = std::make_shared<engine::RequestLog>(store);
  services.advance_clock = [&background, &store](const engine::Caller& c, Duration by, auto done) {
    AdvanceClock(store, background.modules, c, by, std::move(done));
  };
  return services;
}

// The connection threads, TLS and the listening socket: the address bound,
// or nullopt (the error logged): exit 1.
std::optional<asio::ip::tcp::endpoint> StartServer(http::Server& server, const ServeOptions& o,
                                                   const Edge& edge) {
  // The connections on threads of their own (Server::StartConnectionThreads
  // says why).
  server.StartConnectionThreads(
      o.threads > 0 ? o.threads
                    : static_cast<int>(std::max(2u, std::thread::hardware_concurrency())));
  server.UseTls(edge.tls);
  auto ep = server.Listen(edge.listen.first, edge.listen.second);
  if (!ep.ok()) {
    spdlog::error("{}", ep.error().message);
    return std::nullopt;
  }
  return *ep;
}

// --background-lease: its duration, renewed every 3/10 of it.
Result<engine::LeaseKeeper::Options> LeaseOptionsOf(const std::string& text) {
  auto d = ParseDuration(text);
  if (!d.ok() || *d < std::chrono::seconds(1) || *d > std::chrono::minutes(5))
    return Error::InvalidArgument("--background-lease '" + text +
                                  "' must be a duration from 1s to 5m, such as 10s");
  engine::LeaseKeeper::Options options;
  options.ttl = std::chrono::duration_cast<std::chrono::milliseconds>(*d);
  options.renew_every = options.ttl * 3 / 10;
  return options;
}

// On first start, the admin's token: shown once, as only its digest is
// stored.
void PrintFirstStart(const std::string& url, const engine::IssuedToken& admin) {
  std::cout << "warroom is ready at " << url << "\n"
            << "First start: created admin user '" << admin.handle
            << "'. Its API token is shown only now:\n"
            << "export WARROOM_SERVER=" << url << "\n"
            << "export WARROOM_TOKEN=" << admin.token << "\n"
            << std::flush;
}

}  // namespace

int Serve(const ServeOptions& o) {
  SetUpLogging();
  auto edge = LoadEdge(o);
  if (!edge) return 2;
  auto lease_options = LeaseOptionsOf(o.background_lease);
  if (!lease_options.ok()) {
    spdlog::error("{}", lease_options.error().message);
    return 2;
  }
  int exit_code = 0;
  auto db = OpenDatabase(o, exit_code);
  if (!db) return exit_code;
  store::Store& store = *db->store;
  std::shared_ptr<Clock> clock = db->clock;
  auto policies = LoadPolicies(o.policy_file, store, *clock);
  if (!policies.ok()) {
    spdlog::error("{}", policies.error().message);
    return 2;
  }
  // Every committed change is announced here (and, on a shared database, to
  // the other instances); declared first, so it outlives what publishes.
  engine::ChangeBus bus;
  engine::IncidentService incidents(store, clock, *policies, /*memory_reads=*/!db->shared);
  engine::UserService users(store, clock, /*cache_tokens=*/!db->shared);
  incidents.SetChangeBus(&bus);
  users.SetChangeBus(&bus);
  notify::TemplateSet templates;
  notify::DestinationsConfig destinations;
  config::IngestConfig ingest_config;
  if (!LoadConfigFile(o, templates, destinations, ingest_config)) return 2;
  incidents.SetRenderer(&templates);
  notify::InitHttpChannels();
  engine::StaticGroups groups(destinations.groups);
  engine::Notifier notifier(destinations.routing, &templates, &groups, destinations.people);

  Background background(store, incidents, clock, destinations.destinations, *db->key, bus);
  engine::Dispatcher& dispatcher = background.dispatcher;
  incidents.SetNotifier(&notifier, [&dispatcher] { dispatcher.Wake(); });
  // On a shared database one instance at a time runs the modules: the one
  // holding the background lease.
  std::unique_ptr<engine::LeaseKeeper> lease;
  std::unique_ptr<store::postgres::PgNotifier> peer_feed;  // stopped before `background` goes
  if (db->shared) {
    std::string instance = InstanceName();
    auto joined = ConnectPeers(bus, db->conninfo, instance);
    if (!joined.ok()) {
      spdlog::error("cannot listen for the other instances' changes: {}", joined.error().message);
      return 1;
    }
    peer_feed = std::move(*joined);
    lease = std::make_unique<engine::LeaseKeeper>(
        store, instance, *lease_options, [&background, instance](bool held, std::int64_t epoch) {
          background.SetHeld(held, instance, epoch);
        });
    background.dispatcher.SetSendGate([k = lease.get()] { return k->HeldNow(); });
    // Claims run out before another instance can take the lease over (at
    // its expiry), so the new holder sends what a dead one had claimed at
    // once.
    background.dispatcher.SetClaimLease(
        std::chrono::duration_cast<std::chrono::microseconds>(lease->options().ttl * 8 / 10));
  }
  if (auto started = background.Start(db->shared); !started.ok()) {
    spdlog::error("cannot load the incidents' clocks: {}", started.error().message);
    return 1;
  }
  if (lease) lease->Start();

  auto first = users.EnsureFirstAdmin(o.admin_handle);
  if (!first.ok()) {
    spdlog::error("cannot create the first admin: {}", first.error().message);
    return 1;
  }

  asio::io_context ioc;
  http::Router router;
  std::atomic<bool> ready{false};
  engine::IngestService ingest(store, clock);
  engine::AlertRouter alert_router(incidents, ingest_config.routing);
  WireIngest(ingest, alert_router, incidents, notifier, dispatcher, ingest_config, store,
             o.ingest_queue_limit);
  ingest.SetChangeBus(&bus);
  http::ApiServices services =
      ServicesFor(incidents, users, clock, ready, store, templates, background, ingest);
  if (lease)
    services.background = [k = lease.get()] {
      auto st = k->status();
      return http::ApiServices::Background{k->instance(), st.holder, st.epoch, k->HeldNow()};
    };
  http::AddApiRoutes(router, services);
  http::Server server(ioc, router, edge->bounds);
  auto ep = StartServer(server, o, *edge);
  if (!ep) return 1;
  std::string url = UrlOf(*ep, edge->tls != nullptr);
  spdlog::info("listening on {} (database {}, clock {})", url, db->where,
               clock->IsSimulated() ? o.clock : "system");
  if (first->has_value()) PrintFirstStart(url, **first);
  ready = true;
  RunUntilSignalled(ioc, server, o, edge->tls != nullptr, ready);

  background.Stop();         // the final checkpoint, while still holding the lease
  if (lease) lease->Stop();  // given up: another instance takes over at once
  store.Close();
  spdlog::info("stopped cleanly");
  return 0;
}

}  // namespace warroom::app
