#include "app/serve.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <future>
#include <iostream>
#include <optional>
#include <thread>

#include "app/change_feed.hpp"
#include "app/config_files.hpp"
#include "app/logging.hpp"
#include "app/serve_background.hpp"
#include "app/serve_database.hpp"
#include "app/simulated_time.hpp"
#include "engine/alert_router.hpp"
#include "engine/dispatcher.hpp"
#include "engine/incident_service.hpp"
#include "engine/ingest_service.hpp"
#include "engine/lease_keeper.hpp"
#include "engine/request_log.hpp"
#include "engine/session_service.hpp"
#include "engine/subscriber_channel.hpp"
#include "engine/subscriber_service.hpp"
#include "engine/user_service.hpp"
#include "http/api_routes.hpp"
#include "http/server.hpp"
#include "http/status_page_mirror.hpp"
#include "http/tls_context.hpp"
#include "notify/http_channel.hpp"
#include "store/postgres/pg_notifier.hpp"

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

// The HTTP edge as configured: the address, the per-client bounds and TLS;
// and the public status page's own listener, if any, with its own bounds
// (plain HTTP: a page for everyone sits behind the proxy or CDN that holds
// its public name's certificate).
struct Edge {
  std::pair<std::string, unsigned short> listen;
  http::ClientBounds bounds;
  std::shared_ptr<http::TlsContext> tls;
  std::optional<std::pair<std::string, unsigned short>> public_listen;
  http::ClientBounds public_bounds;
};

// Every problem is logged; nullopt: exit 2 (a configuration error). The
// certificate and key are read before anything is opened or written.
std::optional<Edge> LoadEdge(const ServeOptions& o) {
  auto listen = http::ParseListen(o.listen);
  if (!listen.ok()) {
    spdlog::error("{}", listen.error().message);
    return std::nullopt;
  }
  Edge edge{*listen, o.client_bounds, nullptr, std::nullopt, {}};
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
  if (!o.status_page_listen.empty()) {
    auto public_listen = http::ParseListen(o.status_page_listen);
    if (!public_listen.ok()) {
      spdlog::error("--status-page-listen: {}", public_listen.error().message);
      return std::nullopt;
    }
    edge.public_listen = *public_listen;
    edge.public_bounds = o.status_page_bounds;
    edge.public_bounds.trusted_proxies = edge.bounds.trusted_proxies;
  }
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

// Serves until SIGTERM/SIGINT and the drain: every request is answered 503
// (Server::BeginDrain) until the in-flight ones are done and the open
// connections closed or had kDrainLinger to hear it; kDrainTimeout bounds it
// all. SIGHUP, with TLS: a new context from the same two files for new
// handshakes; open connections keep theirs, and a reload that fails keeps
// the old one. Without TLS, SIGHUP keeps its default (it ends the process).
//
// The public status page's listener, when there is one, drains with it.
void RunUntilSignalled(asio::io_context& ioc, http::Server& server, http::Server* public_server,
                       const ServeOptions& o, bool tls, std::atomic<bool>& ready) {
  std::vector<http::Server*> all{&server};
  if (public_server) all.push_back(public_server);
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer drain(ioc);
  auto signalled = std::chrono::steady_clock::now();
  std::function<void(boost::system::error_code)> wait_drain = [&](boost::system::error_code) {
    auto now = std::chrono::steady_clock::now();
    bool settled = std::ranges::all_of(all, [&](http::Server* s) {
      return s->in_flight() == 0 && (s->connections() == 0 || now - signalled >= kDrainLinger);
    });
    if (settled || now - signalled > kDrainTimeout) {
      for (http::Server* s : all) s->StopAccepting();
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
    for (http::Server* s : all) s->BeginDrain();
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
  for (http::Server* s : all) s->StopConnectionThreads();
}

// The address the server answers on, as a client would type it.
std::string UrlOf(const asio::ip::tcp::endpoint& ep, bool tls) {
  std::string host =
      ep.address().is_v6() ? "[" + ep.address().to_string() + "]" : ep.address().to_string();
  return std::string(tls ? "https://" : "http://") + host + ":" + std::to_string(ep.port());
}

// The status page's address for links in notices when the configuration
// gives none: the listener that serves it.
std::string PageBaseUrl(const std::pair<std::string, unsigned short>& listen, bool tls) {
  std::string host =
      listen.first.find(':') != std::string::npos ? "[" + listen.first + "]" : listen.first;
  return std::string(tls ? "https://" : "http://") + host + ":" + std::to_string(listen.second);
}

// The --config file's templates, destinations and ingest settings (none
// without --config). false, each problem printed and their count logged:
// exit 2.
bool LoadConfigFile(const ServeOptions& o, ConfigSections& sections) {
  if (o.config_file.empty()) return true;
  auto problems = LoadConfig(o.config_file, sections);
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
std::optional<asio::ip::tcp::endpoint> StartServer(
    http::Server& server, const ServeOptions& o,
    const std::pair<std::string, unsigned short>& listen, std::shared_ptr<http::TlsContext> tls,
    std::string_view what = "") {
  // The connections on threads of their own (Server::StartConnectionThreads
  // says why).
  server.StartConnectionThreads(
      o.threads > 0 ? o.threads
                    : static_cast<int>(std::max(2u, std::thread::hardware_concurrency())));
  server.UseTls(std::move(tls));
  auto ep = server.Listen(listen.first, listen.second);
  if (!ep.ok()) {
    spdlog::error("{}{}", what, ep.error().message);
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
// On the terminal only, never in a log: the first admin's token, and a
// one-time link (15 minutes) that signs a browser in as them.
void PrintFirstStart(const std::string& url, const engine::IssuedToken& admin,
                     engine::SessionService& sessions) {
  std::cout << "warroom is ready at " << url << "\n"
            << "First start: created admin user '" << admin.handle
            << "'. Its API token is shown only now:\n"
            << "export WARROOM_SERVER=" << url << "\n"
            << "export WARROOM_TOKEN=" << admin.token << "\n";
  std::promise<Result<engine::IssuedLink>> issued;
  sessions.IssueSignInLink(engine::Caller{admin.handle, store::Permission::kAdmin}, admin.handle,
                           [&issued](Result<engine::IssuedLink> l) { issued.set_value(l); });
  Result<engine::IssuedLink> link = issued.get_future().get();
  if (link.ok())
    std::cout << "Sign in from a browser with this one-time link (good once, until "
              << FormatTime(link->expires_at) << "):\n"
              << url << "/sign-in#link=" << link->secret << "\n";
  else
    std::cout << "(no sign-in link: " << link.error().message
              << "; set a password with `warroom user password " << admin.handle << "`)\n";
  std::cout << std::flush;
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
  ConfigSections sections;
  if (!LoadConfigFile(o, sections)) return 2;
  notify::TemplateSet& templates = sections.templates;
  notify::DestinationsConfig& destinations = sections.destinations;
  config::IngestConfig& ingest_config = sections.ingest;
  config::StatusPageConfig& status_page_config = sections.status_page;
  incidents.SetRenderer(&templates);
  notify::InitHttpChannels();
  engine::StaticGroups groups(destinations.groups);
  engine::Notifier notifier(destinations.routing, &templates, &groups, destinations.people);

  // The status page's subscribers: the notices written with what they
  // announce, and the two destinations of their own lane.
  notify::SubscribersConfig& subscribers_config = sections.subscribers;
  status_page_config.page.subscriptions = subscribers_config.enabled;
  engine::StatusPageNotices notices(
      status_page_config.page, db->key->Derive("warroom status page slugs"),
      PageBaseUrl(edge->public_listen ? *edge->public_listen : edge->listen,
                  !edge->public_listen && edge->tls != nullptr));
  notify::SubscriberTransport subscriber_transport(subscribers_config.transport);
  std::map<std::string, engine::Destination> all_destinations = destinations.destinations;
  all_destinations[std::string(engine::kSubscribersDestination)] =
      engine::Destination{std::make_shared<engine::SubscriberFanout>(store, clock, notices), 8, 0};
  all_destinations[std::string(engine::kSubscriberDestination)] = engine::Destination{
      std::make_shared<engine::SubscriberChannel>(store, clock, notices, subscriber_transport,
                                                  subscribers_config.policy),
      8, 0};
  if (subscribers_config.enabled) notifier.SetNotices(&notices);

  Background background(store, incidents, clock, std::move(all_destinations), *db->key, bus);
  engine::Dispatcher& dispatcher = background.dispatcher;
  engine::Dispatcher& subscriber_dispatcher = background.subscriber_dispatcher;
  incidents.SetNotifier(&notifier, [&dispatcher, &subscriber_dispatcher] {
    dispatcher.Wake();
    subscriber_dispatcher.Wake();
  });
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
    background.subscriber_dispatcher.SetSendGate([k = lease.get()] { return k->HeldNow(); });
    // Claims run out before another instance can take the lease over (at
    // its expiry), so the new holder sends what a dead one had claimed at
    // once.
    for (engine::Dispatcher* d : {&background.dispatcher, &background.subscriber_dispatcher})
      d->SetClaimLease(
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
  // Browser sign-in: password checks on a pool of their own (half the
  // cores, room for 32 waiting), a slowed sign-in waiting on a timer here.
  engine::PasswordHasher hasher(
      crypto::PasswordCost::Interactive(),
      static_cast<int>(std::max(1u, std::thread::hardware_concurrency() / 2)), 32);
  engine::SessionService sessions(
      store, clock, hasher, [&ioc](Duration d, std::function<void()> then) {
        auto timer = std::make_shared<asio::steady_timer>(ioc, d);
        timer->async_wait(
            [timer, then = std::move(then)](const boost::system::error_code&) { then(); });
      });
  sessions.SetChangeBus(&bus);
  // The pages' live updates: the log read once per change for every stream.
  engine::LiveFeed live(store, incidents);
  live.Listen(bus);
  if (auto started = live.Start(); !started.ok()) {
    spdlog::error("cannot read the event log: {}", started.error().message);
    return 1;
  }
  // The public status page, held in memory and rebuilt as incidents change.
  engine::StatusPageFeed status_page(store, clock, status_page_config.page,
                                     db->key->Derive("warroom status page slugs"));
  status_page.Listen(bus);
  if (auto started = status_page.Start(); !started.ok()) {
    spdlog::error("cannot build the status page: {}", started.error().message);
    return 1;
  }
  std::optional<http::StatusPageMirror> mirror;
  if (!o.status_page_mirror.empty()) {
    mirror.emplace(o.status_page_mirror, status_page);
    if (auto opened = mirror->Open(); !opened.ok()) {
      spdlog::error("{}", opened.error().message);
      return 2;
    }
  }
  http::ApiServices services =
      ServicesFor(incidents, users, clock, ready, store, templates, background, ingest);
  services.status_page = &status_page;
  engine::StatusPageService status_page_admin(store, clock, status_page, &bus);
  if (subscribers_config.enabled)
    status_page_admin.SetNotices(&notices,
                                 [&subscriber_dispatcher] { subscriber_dispatcher.Wake(); });
  services.status_page_admin = &status_page_admin;
  std::optional<engine::SubscriberService> subscribers;
  if (subscribers_config.enabled) {
    subscribers.emplace(store, clock, notices, subscriber_transport, subscribers_config.policy,
                        [&subscriber_dispatcher] { subscriber_dispatcher.Wake(); });
    services.subscribers = &*subscribers;
  }
  services.sessions = &sessions;
  services.live = &live;
  if (lease)
    services.background = [k = lease.get()] {
      auto st = k->status();
      return http::ApiServices::Background{k->instance(), st.holder, st.epoch, k->HeldNow()};
    };
  http::AddApiRoutes(router, services);
  http::Server server(ioc, router, edge->bounds);
  auto ep = StartServer(server, o, edge->listen, edge->tls);
  if (!ep) return 1;
  // The public page's own listener: its own routes, bounds and threads, so
  // a crowd reloading the page meets its bounds, not the responders'.
  http::Router public_router;
  std::optional<http::Server> public_server;
  if (edge->public_listen) {
    http::AddPublicStatusPageRoutes(public_router, services);
    public_server.emplace(ioc, public_router, edge->public_bounds);
    auto public_ep =
        StartServer(*public_server, o, *edge->public_listen, nullptr, "--status-page-listen: ");
    if (!public_ep) return 1;
    spdlog::info("the public status page on {}/status", UrlOf(*public_ep, false));
    notices.UseBoundAddress(UrlOf(*public_ep, false));
  }
  std::string url = UrlOf(*ep, edge->tls != nullptr);
  if (!edge->public_listen) notices.UseBoundAddress(url);
  spdlog::info("listening on {} (database {}, clock {})", url, db->where,
               clock->IsSimulated() ? o.clock : "system");
  if (first->has_value()) PrintFirstStart(url, **first, sessions);
  ready = true;
  RunUntilSignalled(ioc, server, public_server ? &*public_server : nullptr, o, edge->tls != nullptr,
                    ready);
  live.Stop();

  background.Stop();         // the final checkpoint, while still holding the lease
  if (lease) lease->Stop();  // given up: another instance takes over at once
  store.Close();
  spdlog::info("stopped cleanly");
  return 0;
}

}  // namespace warroom::app
