// The clock runner with 100,000 open incidents, on real time: the delay from
// each due time to its clock_breached event, and the CPU the process uses
// while nothing is due. Prints figures; never pass/fail.
#include <sys/resource.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include "bench/bench_common.hpp"
#include "engine/clock_runner.hpp"
#include "engine/module_runner.hpp"
#include "engine/stored_events.hpp"

using namespace warroom;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kOpen = 100000;  // open incidents whose clocks are far off
constexpr int kDue = 2000;     // incidents whose acknowledgment falls due during the run
constexpr auto kAckWindow = std::chrono::seconds(8);
constexpr auto kIdle = std::chrono::seconds(5);

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main() {
  auto store =
      std::move(store::sqlite::SqliteStore::Open(bench::FreshDb("clocks.db").string()).value());
  auto clock = std::make_shared<SystemClock>();
  core::Policy policy = core::DefaultPolicy();
  policy.version = "bench";
  // P1 acknowledgment in 8 s, so breaches fall due during the run; the rest
  // of the P1 row is pushed out of the way.
  policy.levels[1].acknowledge = core::Deadline::Within(kAckWindow);
  policy.levels[1].executive_notification.clear();
  auto registry = bench::Registry(policy);
  engine::IncidentService svc(*store, clock, registry);
  engine::ClockRunner runner(svc, clock);
  engine::ModuleRunner modules(clock);
  svc.SetCommitHook([&runner](const core::IncidentState& s, const std::vector<core::ClockView>& c) {
    runner.Schedule(s, c);
  });
  modules.Add(runner);
  modules.Start();

  // 100,000 open P3 incidents (acknowledge by the next business day's close,
  // resolution within two weeks): their clocks are scheduled, none is due.
  auto t0 = Steady::now();
  std::atomic<int> next{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 64; ++w) {
    writers.emplace_back([&] {
      while (next.fetch_add(1) < kOpen) {
        core::commands::Declare d;
        d.severity = core::Severity::kP3;
        d.summary = "background";
        (void)bench::Run(svc, {"", d, std::nullopt});
      }
    });
  }
  for (auto& t : writers) t.join();
  double load_s = std::chrono::duration<double>(Steady::now() - t0).count();
  std::printf(
      "Clock runner (real time): %d open incidents declared in %.1f s, %zu clocks scheduled\n",
      kOpen, load_s, runner.scheduled());

  // Idle: nothing due for a while. The runner sleeps until the earliest due time.
  double cpu0 = CpuSeconds();
  std::this_thread::sleep_for(kIdle);
  double idle_cpu = CpuSeconds() - cpu0;
  std::printf("CPU while nothing is due: %.3f s over %lld s (%.2f%% of one core)\n", idle_cpu,
              static_cast<long long>(kIdle.count()),
              100.0 * idle_cpu / static_cast<double>(kIdle.count()));

  // 2,000 P1 incidents declared over about two seconds: each acknowledgment
  // falls due 8 s later, spread like the declarations.
  std::vector<std::string> ids;
  for (int i = 0; i < kDue; ++i) {
    core::commands::Declare d;
    d.severity = core::Severity::kP1;
    d.summary = "due soon";
    auto v = bench::Run(svc, {"", d, std::nullopt});
    if (v.ok()) ids.push_back(v->state.id);
    std::this_thread::sleep_for(std::chrono::microseconds(1000));
  }
  std::uint64_t before = runner.recorded();
  auto deadline = Steady::now() + kAckWindow + std::chrono::seconds(20);
  while (runner.recorded() - before < ids.size() && Steady::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));

  std::vector<double> delays;
  (void)store->ReadSync([&](store::ReadTx& tx) -> Outcome {
    for (const auto& id : ids) {
      WARROOM_ASSIGN_OR_RETURN(auto rows, tx.LoadEvents(id));
      for (const auto& r : rows) {
        if (r.type != "clock_breached") continue;
        auto e = engine::FromStored(r);
        if (!e.ok()) continue;
        const auto& b = std::get<core::events::ClockBreached>(e->payload);
        if (b.clock == core::ClockKind::kAcknowledge)
          delays.push_back(std::chrono::duration<double>(e->recorded_at - b.due_at).count());
      }
    }
    return Success();
  });
  std::size_t n = delays.size();
  double p50 = bench::Quantile(delays, 0.50), p99 = bench::Quantile(delays, 0.99),
         max = delays.empty() ? 0 : delays.back();
  std::printf(
      "Breaches recorded: %zu of %zu; delay from due time to clock_breached: p50 %.1f ms, p99 %.1f "
      "ms, "
      "max %.1f ms\n",
      n, ids.size(), p50 * 1e3, p99 * 1e3, max * 1e3);
  modules.Stop();
  store->Close();
  bench::RemoveDbs();
  return 0;
}
