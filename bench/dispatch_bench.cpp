// Dispatcher throughput to a local HTTP receiver (messages/s): draining an
// outbox queued while it was stopped, and under a burst of declarations
// (bounded by how fast they commit too), with the latency from an event's
// commit to its delivery (p50/p99). Each declared P1 owes two messages (the
// incidents channel and a page). Prints figures; never pass/fail.
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

#include "bench/bench_common.hpp"
#include "engine/dispatcher.hpp"
#include "engine/module_runner.hpp"
#include "http/problem.hpp"
#include "http/server.hpp"
#include "notify/http_channel.hpp"

using namespace warroom;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kIncidents = 2000;
constexpr int kWriters = 8;

}  // namespace

int main() {
  // The receiver: warroom's own HTTP server answering 200 to every POST.
  std::mutex mu;
  std::map<std::string, Steady::time_point> arrivals;  // idempotency key -> first arrival
  boost::asio::io_context ioc;
  http::Router router;
  router.Add(boost::beast::http::verb::post, "/hook", http::Scope::kPublic,
             [&](const engine::Caller&, const http::Request& req,
                 const http::Params&) -> boost::asio::awaitable<http::Response> {
               auto now = Steady::now();
               {
                 std::lock_guard lock(mu);
                 arrivals.emplace(std::string(req[("Idempotency-Key")]), now);
               }
               co_return http::Json(boost::beast::http::status::ok,
                                    boost::json::object{{"ok", true}}, req.version());
             });
  // Without per-client bounds: every delivery comes from one address, and
  // the default 50 requests a second would answer most of them 429.
  http::ClientBounds unbounded;
  unbounded.max_connections_per_client = 0;
  unbounded.requests_per_second_per_client = 0;
  http::Server rx(ioc, router, unbounded);
  auto ep = rx.Listen("127.0.0.1", 0).value();
  std::thread rx_thread([&] { ioc.run(); });

  notify::InitHttpChannels();
  auto store =
      std::move(store::sqlite::SqliteStore::Open(bench::FreshDb("dispatch.db").string()).value());
  auto clock = std::make_shared<SystemClock>();
  core::Policy policy = core::DefaultPolicy();
  policy.levels[1].executive_notification.clear();  // two messages per incident: channel and page
  auto registry = bench::Registry(policy);
  engine::IncidentService svc(*store, clock, registry);
  notify::HttpChannel::Options o;
  o.url = "http://127.0.0.1:" + std::to_string(ep.port()) + "/hook";
  engine::Destination dest{std::make_shared<notify::HttpChannel>(o), 8, 0};
  engine::Routing routing;
  routing.routes["internal"] = {"rx"};
  routing.routes["pages"] = {"rx"};
  engine::Notifier notifier(routing, nullptr);
  engine::Dispatcher dispatcher(*store, svc, clock, {{"rx", dest}});
  engine::ModuleRunner modules(clock);
  svc.SetNotifier(&notifier, [&dispatcher] { dispatcher.Wake(); });
  auto arrived = [&] {
    std::lock_guard lock(mu);
    return arrivals.size();
  };

  // The dispatcher alone: an outbox of kIncidents × 2 messages queued while
  // it was stopped, drained from its start to the last arrival.
  for (int i = 0; i < kIncidents; ++i) {
    core::commands::Declare d;
    d.severity = core::Severity::kP1;
    d.summary = "queued";
    (void)bench::Run(svc, {"", d, std::nullopt});
  }
  auto drain0 = Steady::now();
  dispatcher.Start();
  modules.Add(dispatcher);
  modules.Start();
  while (arrived() < 2 * static_cast<std::size_t>(kIncidents) &&
         Steady::now() - drain0 < std::chrono::seconds(120))
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  {
    std::lock_guard lock(mu);
    Steady::time_point last = drain0;
    for (const auto& [key, at] : arrivals) last = std::max(last, at);
    double s = std::chrono::duration<double>(last - drain0).count();
    std::printf("Draining a queued outbox: %zu messages in %.2f s: %.0f messages/s\n",
                arrivals.size(), s, static_cast<double>(arrivals.size()) / s);
    arrivals.clear();
  }

  std::mutex cmu;
  std::map<std::string, Steady::time_point> committed;  // incident id -> commit answered
  std::atomic<int> next{0};
  auto t0 = Steady::now();
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&] {
      while (next.fetch_add(1) < kIncidents) {
        core::commands::Declare d;
        d.severity = core::Severity::kP1;
        d.summary = "bench";
        auto v = bench::Run(svc, {"", d, std::nullopt});
        auto now = Steady::now();
        if (v.ok()) {
          std::lock_guard lock(cmu);
          committed[v->state.id] = now;
        }
      }
    });
  }
  for (auto& t : writers) t.join();
  double declared_s = std::chrono::duration<double>(Steady::now() - t0).count();
  const std::size_t want = committed.size() * 2;
  auto deadline = Steady::now() + std::chrono::seconds(120);
  for (;;) {
    {
      std::lock_guard lock(mu);
      if (arrivals.size() >= want || Steady::now() > deadline) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  Steady::time_point last = t0;
  std::vector<double> lat;
  {
    std::lock_guard lock(mu);
    for (const auto& [key, at] : arrivals) {
      last = std::max(last, at);
      auto id = key.substr(0, key.find(':'));
      auto c = committed.find(id);
      if (c != committed.end())
        lat.push_back(std::chrono::duration<double>(at - c->second).count() * 1e3);
    }
  }
  double secs = std::chrono::duration<double>(last - t0).count();
  std::printf(
      "Dispatcher to a local HTTP receiver: %zu of %zu messages delivered in %.2f s: %.0f "
      "messages/s\n",
      lat.size(), want, secs, static_cast<double>(lat.size()) / secs);
  std::printf(
      "Commit to delivery under that burst: p50 %.1f ms, p99 %.1f ms (%d workers, a connection "
      "kept per worker; the %d incidents were declared in %.2f s)\n",
      bench::Quantile(lat, 0.5), bench::Quantile(lat, 0.99), engine::delivery::kWorkers, kIncidents,
      declared_s);

  // Paced: one incident every 10 ms, the latency a responder sees.
  {
    std::lock_guard lock(mu);
    arrivals.clear();
  }
  committed.clear();
  for (int i = 0; i < 300; ++i) {
    core::commands::Declare d;
    d.severity = core::Severity::kP1;
    d.summary = "paced";
    auto v = bench::Run(svc, {"", d, std::nullopt});
    if (v.ok()) committed[v->state.id] = Steady::now();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::vector<double> paced;
  {
    std::lock_guard lock(mu);
    for (const auto& [key, at] : arrivals) {
      auto c = committed.find(key.substr(0, key.find(':')));
      if (c != committed.end())
        paced.push_back(std::chrono::duration<double>(at - c->second).count() * 1e3);
    }
  }
  std::printf("Commit to delivery at 100 incidents/s: %zu messages, p50 %.1f ms, p99 %.1f ms\n",
              paced.size(), bench::Quantile(paced, 0.5), bench::Quantile(paced, 0.99));
  modules.Stop();
  dispatcher.Stop();
  store->Close();
  ioc.stop();
  rx_thread.join();
  bench::RemoveDbs();
  return 0;
}
