#include "app/serve.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json.hpp>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "app/database_url.hpp"
#include "app/file_permissions.hpp"
#include "config/ingest_yaml.hpp"
#include "config/policy_yaml.hpp"
#include "config/tz_zone.hpp"
#include "core/clocks/business_calendar.hpp"
#include "engine/alert_router.hpp"
#include "engine/checkpointer.hpp"
#include "engine/clock_runner.hpp"
#include "engine/dispatcher.hpp"
#include "engine/incident_service.hpp"
#include "engine/ingest_service.hpp"
#include "engine/user_service.hpp"
#include "http/api_routes.hpp"
#include "http/server.hpp"
#include "http/tls_context.hpp"
#include "notify/destinations.hpp"
#include "notify/http_channel.hpp"
#include "notify/templates.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/sqlite_tx.hpp"
#include "store/verify.hpp"

namespace warroom::app {

namespace asio = boost::asio;

namespace {

// How long SIGTERM waits for in-flight requests before closing anyway.
constexpr auto kDrainTimeout = std::chrono::seconds(10);
// While connections stay open after SIGTERM, how long the drain keeps
// answering them (and new ones) 503 with Retry-After before it stops
// accepting: a kept-alive client's next request hears "stopping", not a reset.
constexpr auto kDrainLinger = std::chrono::seconds(2);
// How often the log's chain heads are signed (when it grew); also on shutdown.
constexpr auto kCheckpointInterval = std::chrono::seconds(10);

// The message as a JSON string's contents (quotes, backslashes and control
// characters escaped), so every log line stays one valid JSON object.
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string_view v(msg.payload.data(), msg.payload.size());
    std::string escaped = boost::json::serialize(boost::json::string(v));
    dest.append(escaped.data() + 1, escaped.data() + escaped.size() - 1);  // without the quotes
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

void SetUpLogging() {
  auto logger = spdlog::stderr_color_mt("warroom");
  // One JSON object per line when not on a terminal; messages never carry secrets.
  if (!isatty(STDERR_FILENO)) {
    auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    formatter->add_flag<JsonMessageFlag>('*').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","msg":"%*"})");
    logger->set_formatter(std::move(formatter));
  }
  spdlog::set_default_logger(logger);
}

// Certificates are judged by real time, as clients judge them, even when the
// server runs on a simulated clock.
TimePoint CertificateNow() {
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

Result<engine::PolicyEntry> MakeEntry(core::Policy p) {
  WARROOM_ASSIGN_OR_RETURN(auto zone, config::LoadTimeZone(p.business_hours.time_zone));
  auto cal = std::make_shared<core::BusinessCalendar>(p.business_hours, std::move(zone));
  return engine::PolicyEntry{std::move(p), std::move(cal)};
}

// The policy in force (the file, or the built-in default), recorded in the
// database by version, plus every version recorded before.
Result<std::shared_ptr<const engine::PolicyRegistry>> LoadPolicies(const std::string& file,
                                                                   store::Store& store,
                                                                   const Clock& clock) {
  core::Policy current = core::DefaultPolicy();
  if (!file.empty()) {
    auto loaded = config::LoadPolicyFile(file);
    if (!loaded.ok()) {
      // One problem a line, as `warroom policy check` prints them (the log
      // keeps one JSON object a line).
      for (const auto& p : loaded.problems) std::cerr << p.ToString() << "\n";
      return Error::InvalidArgument("the policy file " + file + " has " +
                                    std::to_string(loaded.problems.size()) +
                                    " problem(s), listed above");
    }
    current = std::move(loaded.policy);
  }
  std::string yaml = config::PolicyToYaml(current);
  std::vector<std::pair<std::string, std::string>> stored;
  WARROOM_RETURN_IF_ERROR(store.WriteSync([&](store::WriteTx& tx) -> Outcome {
    WARROOM_RETURN_IF_ERROR(tx.RecordPolicy(current.version, yaml, clock.Now()));
    WARROOM_ASSIGN_OR_RETURN(stored, tx.LoadPolicies());
    return Success();
  }));
  WARROOM_ASSIGN_OR_RETURN(auto entry, MakeEntry(std::move(current)));
  auto registry = std::make_shared<engine::PolicyRegistry>(std::move(entry));
  for (const auto& [version, text] : stored) {
    auto old = config::ParsePolicy(text, "stored policy " + version);
    if (!old.ok()) {
      spdlog::warn("stored policy {} no longer parses; its incidents use the current policy",
                   version);
      continue;
    }
    auto e = MakeEntry(std::move(old.policy));
    if (e.ok()) registry->AddPrevious(std::move(*e));
  }
  spdlog::info("policy {} in force ({} version(s) recorded)", registry->Current().policy.version,
               stored.size());
  return std::shared_ptr<const engine::PolicyRegistry>(std::move(registry));
}

// The notifications config: templates, destinations and routes.
std::vector<config::Problem> LoadConfig(const std::string& path, notify::TemplateSet& templates,
                                        notify::DestinationsConfig& destinations,
                                        config::IngestConfig& ingest) {
  std::ifstream in(path);
  if (!in)
    return {
        config::Problem{path, 0, "", "cannot read the file (check the path and its permissions)"}};
  std::stringstream ss;
  ss << in.rdbuf();
  auto problems = templates.LoadOverrides(ss.str(), path);
  destinations = notify::LoadDestinations(ss.str(), path);
  problems.insert(problems.end(), destinations.problems.begin(), destinations.problems.end());
  ingest = config::LoadIngestConfig(ss.str(), path);
  problems.insert(problems.end(), ingest.problems.begin(), ingest.problems.end());
  return problems;
}

}  // namespace

int CheckConfig(const std::string& path, bool json) {
  notify::TemplateSet templates;
  notify::DestinationsConfig destinations;
  config::IngestConfig ingest;
  auto problems = LoadConfig(path, templates, destinations, ingest);
  if (json) {
    boost::json::array out;
    for (const auto& p : problems)
      out.push_back(boost::json::object{
          {"file", p.file}, {"line", p.line}, {"key", p.key}, {"message", p.message}});
    std::cout << boost::json::serialize(
                     boost::json::object{{"ok", problems.empty()}, {"problems", std::move(out)}})
              << "\n";
  } else if (problems.empty()) {
    std::cout << path << ": OK\n";
  } else {
    for (const auto& p : problems) std::cout << p.ToString() << "\n";
    std::cout << problems.size() << " problem(s) in " << path << "\n";
  }
  return problems.empty() ? 0 : 1;
}

int CheckPolicy(const std::string& path, bool json) {
  auto loaded = config::LoadPolicyFile(path);
  if (json) {
    boost::json::array problems;
    for (const auto& p : loaded.problems)
      problems.push_back(boost::json::object{
          {"file", p.file}, {"line", p.line}, {"key", p.key}, {"message", p.message}});
    boost::json::object o{{"ok", loaded.ok()}, {"problems", std::move(problems)}};
    if (loaded.ok()) o["version"] = loaded.policy.version;
    std::cout << boost::json::serialize(o) << "\n";
  } else if (loaded.ok()) {
    std::cout << path << ": OK, policy " << loaded.policy.version << "\n";
  } else {
    for (const auto& p : loaded.problems) std::cout << p.ToString() << "\n";
    std::cout << loaded.problems.size() << " problem(s) in " << path << "\n";
  }
  return loaded.ok() ? 0 : 1;
}

int Serve(const ServeOptions& o) {
  SetUpLogging();
  auto listen = http::ParseListen(o.listen);
  if (!listen.ok()) {
    spdlog::error("{}", listen.error().message);
    return 2;
  }
  http::ClientBounds bounds = o.client_bounds;
  {
    std::vector<http::Cidr> proxies;
    for (const auto& text : o.trusted_proxies) {
      auto cidr = http::ParseCidr(text);
      if (!cidr.ok()) {
        spdlog::error("{}", cidr.error().message);
        return 2;
      }
      proxies.push_back(*cidr);
    }
    bounds.trusted_proxies = http::CidrSet(std::move(proxies));
  }
  // The certificate and key before anything is opened or written: a bad one
  // is a configuration error like any other.
  std::shared_ptr<http::TlsContext> tls;
  if (o.tls_cert.empty() != o.tls_key.empty()) {
    spdlog::error(
        "{} given without {}: HTTPS needs both, the certificate (PEM, chain) and its "
        "private key (PEM); give neither for plain HTTP",
        o.tls_cert.empty() ? "--tls-key" : "--tls-cert",
        o.tls_cert.empty() ? "--tls-cert" : "--tls-key");
    return 2;
  }
  if (!o.tls_cert.empty()) {
    auto loaded = http::TlsContext::Load(o.tls_cert, o.tls_key);
    if (!loaded.ok()) {
      spdlog::error("{}", loaded.error().message);
      return 2;
    }
    tls = *loaded;
    http::LogCertificate(*tls, CertificateNow(), "at start:");
  }
  auto path = SqlitePath(o.database);
  if (!path.ok()) {
    spdlog::error("{}", path.error().message);
    return 2;
  }
  auto clock_r = MakeClock(o.clock);
  if (!clock_r.ok()) {
    spdlog::error("{}", clock_r.error().message);
    return 2;
  }
  std::shared_ptr<Clock> clock = *clock_r;
  // Every file the server creates (database, WAL, SHM, key) is 0600.
  RestrictNewFiles();
  std::error_code fs_ec;
  auto parent = std::filesystem::path(*path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, fs_ec);
  std::string key_path = o.signing_key.empty() ? *path + ".signing-key" : o.signing_key;
  auto secured = SecureDatabaseFiles(*path, key_path);
  if (!secured.ok()) {
    spdlog::error("refusing to start: {}", secured.error().message);
    return 1;
  }
  for (const auto& change : *secured) spdlog::warn("tightened permissions of {}", change);
  auto store = store::sqlite::SqliteStore::Open(*path);
  if (!store.ok()) {
    spdlog::error("{}", store.error().message);
    return 1;
  }
  auto key = store::SigningKey::LoadOrCreate(key_path);
  if (!key.ok()) {
    spdlog::error("{}", key.error().message);
    return 1;
  }
  engine::Checkpointer checkpointer(**store, *clock, *key);
  auto policies = LoadPolicies(o.policy_file, **store, *clock);
  if (!policies.ok()) {
    spdlog::error("{}", policies.error().message);
    return 2;
  }
  engine::IncidentService incidents(**store, clock, *policies);
  engine::UserService users(**store, clock);
  notify::TemplateSet templates;
  notify::DestinationsConfig destinations;
  config::IngestConfig ingest_config;
  if (!o.config_file.empty()) {
    auto problems = LoadConfig(o.config_file, templates, destinations, ingest_config);
    if (!problems.empty()) {
      for (const auto& p : problems) std::cerr << p.ToString() << "\n";
      spdlog::error("the config file {} has {} problem(s), listed above", o.config_file,
                    problems.size());
      return 2;
    }
  }
  incidents.SetRenderer(&templates);
  notify::InitHttpChannels();
  engine::StaticGroups groups(destinations.groups);
  engine::Notifier notifier(destinations.routing, &templates, &groups, destinations.people);
  engine::Dispatcher dispatcher(**store, incidents, clock, destinations.destinations);
  incidents.SetNotifier(&notifier, [&dispatcher] { dispatcher.Wake(); });
  dispatcher.Start();
  engine::ClockRunner runner(incidents, clock);
  incidents.SetCommitHook(
      [&runner](const core::IncidentState& s, const std::vector<core::ClockView>& clocks) {
        runner.Schedule(s, clocks);
      });
  if (auto loaded = runner.LoadIncidents(); !loaded.ok()) {
    spdlog::error("cannot load the incidents' clocks: {}", loaded.error().message);
    return 1;
  }
  runner.Start();
  spdlog::info("clock runner: {} clock(s) scheduled", runner.scheduled());

  auto first = users.EnsureFirstAdmin(o.admin_handle);
  if (!first.ok()) {
    spdlog::error("cannot create the first admin: {}", first.error().message);
    return 1;
  }

  asio::io_context ioc;
  http::Router router;
  std::atomic<bool> ready{false};
  http::ApiServices services;
  services.incidents = &incidents;
  services.users = &users;
  services.clock = clock;
  services.ready = [&ready] { return ready.load(); };
  // Not ready while the database cannot be written (disk full, read-only):
  // until a write succeeds again, a client's or the store's own probe.
  services.unready_reason = [db = store->get()] { return db->WriteFailure().value_or(""); };
  services.templates = &templates;
  services.dispatcher = &dispatcher;
  engine::IngestService ingest(**store, clock);
  engine::AlertRouter alert_router(incidents, ingest_config.routing);
  alert_router.SetNotifier(&notifier);
  ingest.SetRouter(&alert_router, &incidents, [&dispatcher] { dispatcher.Wake(); });
  ingest.SetSignatures(ingest_config.signatures);
  (*store)->SetLaneLimit(store::Store::Lane::kIngest,
                         static_cast<std::size_t>(o.ingest_queue_limit));
  services.ingest = &ingest;
  services.advance_clock = [&runner, &dispatcher](Duration by, auto done) {
    runner.Advance(by, [&dispatcher, done = std::move(done)](Result<TimePoint> r) {
      dispatcher.Wake();  // retries may have come due
      done(std::move(r));
    });
  };
  http::AddApiRoutes(router, std::move(services));
  http::Server server(ioc, router, std::move(bounds));
  // The connections on threads of their own (Server::StartConnectionThreads
  // says why); `ioc` accepts and runs the signals and timers, on this thread.
  server.StartConnectionThreads(
      o.threads > 0 ? o.threads
                    : static_cast<int>(std::max(2u, std::thread::hardware_concurrency())));
  server.UseTls(tls);
  auto ep = server.Listen(listen->first, listen->second);
  if (!ep.ok()) {
    spdlog::error("{}", ep.error().message);
    return 1;
  }
  std::string host =
      ep->address().is_v6() ? "[" + ep->address().to_string() + "]" : ep->address().to_string();
  std::string url =
      std::string(tls ? "https://" : "http://") + host + ":" + std::to_string(ep->port());
  spdlog::info("listening on {} (database {}, clock {})", url, *path,
               clock->IsSimulated() ? o.clock : "system");
  if (first->has_value()) {
    // Shown once: only the digest is stored.
    std::cout << "warroom is ready at " << url << "\n"
              << "First start: created admin user '" << (*first)->handle
              << "'. Its API token is shown only now:\n"
              << "export WARROOM_SERVER=" << url << "\n"
              << "export WARROOM_TOKEN=" << (*first)->token << "\n"
              << std::flush;
  }
  ready = true;

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer drain(ioc);
  auto signalled = std::chrono::steady_clock::now();
  // The drain: every request is answered 503 (Server::BeginDrain) until the
  // in-flight ones are done and the open connections closed or had
  // kDrainLinger to hear it; kDrainTimeout bounds it all.
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

  // SIGHUP, with TLS: a new context from the same two files for new
  // handshakes; open connections keep theirs. A reload that fails keeps the
  // old one. Without TLS, SIGHUP keeps its default (it ends the process).
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

  // Checkpoints run off the network threads: Tick waits for its write.
  std::mutex cp_mu;
  std::condition_variable cp_cv;
  bool cp_stop = false;
  std::thread cp_thread([&] {
    std::unique_lock lock(cp_mu);
    while (!cp_cv.wait_for(lock, kCheckpointInterval, [&] { return cp_stop; })) {
      lock.unlock();
      if (auto r = checkpointer.Tick(); !r.ok())
        spdlog::warn("checkpoint failed: {}", r.error().message);
      lock.lock();
    }
  });

  ioc.run();
  server.StopConnectionThreads();
  runner.Stop();
  dispatcher.Stop();
  {
    std::lock_guard lock(cp_mu);
    cp_stop = true;
  }
  cp_cv.notify_all();
  cp_thread.join();
  if (auto r = checkpointer.Tick(); !r.ok())
    spdlog::warn("final checkpoint failed: {}", r.error().message);
  (*store)->Close();
  spdlog::info("stopped cleanly");
  return 0;
}

int Verify(const std::string& database, const std::string& key_file, bool json) {
  auto path = SqlitePath(database);
  if (!path.ok()) {
    std::cerr << "warroom: " << path.error().message << "\n";
    return 2;
  }
  if (!std::filesystem::exists(*path)) {
    std::cerr << "warroom: no database at " << *path << "\n";
    return 3;
  }
  auto conn = store::sqlite::Connection::Open(*path, true);
  if (!conn.ok()) {
    std::cerr << "warroom: " << conn.error().message << "\n";
    return 6;
  }
  auto events = store::sqlite::LoadAllEvents((*conn)->get());
  if (!events.ok()) {
    std::cerr << "warroom: " << events.error().message << "\n";
    return 1;
  }
  auto checkpoints = store::sqlite::LoadCheckpoints((*conn)->get());
  if (!checkpoints.ok()) {
    std::cerr << "warroom: " << checkpoints.error().message << "\n";
    return 1;
  }
  store::VerifyInput in;
  in.events = &*events;
  in.checkpoints = &*checkpoints;
  {
    store::sqlite::Stmt q((*conn)->get(), "SELECT id FROM incidents ORDER BY id");
    while (q.Step()) in.projected_incidents.push_back(q.Text(0));
  }
  std::string key_path = key_file.empty() ? *path + ".signing-key" : key_file;
  auto key = store::SigningKey::LoadForVerify(key_path);
  if (key.ok()) {
    in.trusted_key = key->public_key();
  } else if (!key_file.empty()) {
    std::cerr << "warroom: " << key.error().message << "\n";
    return 2;
  } else {
    std::cerr << "warroom: no signing key at " << key_path
              << ": checkpoint signatures are checked against the key each names; pass --key to "
                 "check who "
                 "signed them\n";
  }
  auto r = store::VerifyLog(in);
  if (json) {
    boost::json::object o{{"ok", r.ok},
                          {"events", r.events},
                          {"incidents", r.incidents},
                          {"checkpoints", r.checkpoints},
                          {"covered_through", r.covered_through}};
    if (!r.ok) {
      o["first_bad_global_seq"] = r.first_bad_global_seq;
      o["first_bad_incident"] = r.first_bad_incident;
      o["problem"] = r.problem;
    }
    std::cout << boost::json::serialize(o) << "\n";
  } else if (r.ok) {
    std::cout << "OK: " << r.events << " events in " << r.incidents
              << " incidents; every chain and the global "
              << "sequence check out; " << r.checkpoints
              << " signed checkpoint(s) match, the last through event #" << r.covered_through
              << "\n";
  } else {
    std::cout << "TAMPERED: "
              << (r.first_bad_global_seq
                      ? "event #" + std::to_string(r.first_bad_global_seq) + " of "
                      : "")
              << r.first_bad_incident << ": " << r.problem << "\n";
  }
  return r.ok ? 0 : 1;
}

}  // namespace warroom::app
