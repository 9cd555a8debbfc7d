// Durable event appends per second through warroom's store and engine, with
// 1 and 64 concurrent writers, against raw SQLite inserts of the same rows
// with the same durability (WAL, synchronous=FULL, a commit per row),
// measured in the same run. Prints figures and ratios; never pass/fail.
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clocks/business_calendar.hpp"
#include "engine/incident_service.hpp"
#include "store/sqlite/sqlite_store.hpp"

using namespace warroom;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

constexpr auto kRun = std::chrono::seconds(3);

fs::path Fresh(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("warroom-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  for (auto suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  return p;
}

const std::string kPayload =
    R"({"kind":"finding","text":"p99 latency of checkout is 4.2 s since 14:02"})";

// Raw SQLite: one connection per writer, each row its own durable transaction.
double RawSqlite(int writers) {
  fs::path path = Fresh("raw.db");
  {
    sqlite3* db;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; CREATE TABLE events (global_seq INTEGER PRIMARY KEY, "
                 "incident_id TEXT NOT "
                 "NULL, incident_seq INTEGER NOT NULL, occurred_at INTEGER NOT NULL, recorded_at "
                 "INTEGER NOT NULL, "
                 "actor_kind TEXT NOT NULL, actor_id TEXT NOT NULL, type TEXT NOT NULL, payload "
                 "BLOB NOT NULL, "
                 "prev_hash BLOB NOT NULL, hash BLOB NOT NULL, UNIQUE (incident_id, incident_seq))",
                 nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  std::atomic<long> done{0};
  auto deadline = Steady::now() + kRun;
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      sqlite3* db;
      sqlite3_open(path.c_str(), &db);
      sqlite3_busy_timeout(db, 60000);
      sqlite3_exec(db, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
      sqlite3_stmt* ins;
      sqlite3_prepare_v2(
          db,
          "INSERT INTO events (incident_id, incident_seq, occurred_at, recorded_at, actor_kind, "
          "actor_id, type, payload, prev_hash, hash) VALUES (?, ?, 1, 2, 'user', 'alice', "
          "'note_added', ?, zeroblob(32), zeroblob(32))",
          -1, &ins, nullptr);
      std::string id = "INC-2026-02-12-" + std::to_string(w);
      for (long seq = 1; Steady::now() < deadline; ++seq) {
        sqlite3_bind_text(ins, 1, id.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins, 2, seq);
        sqlite3_bind_blob(ins, 3, kPayload.data(), static_cast<int>(kPayload.size()),
                          SQLITE_STATIC);
        if (sqlite3_step(ins) == SQLITE_DONE) done.fetch_add(1);
        sqlite3_reset(ins);
      }
      sqlite3_finalize(ins);
      sqlite3_close(db);
    });
  }
  auto start = Steady::now();
  for (auto& t : threads) t.join();
  return done.load() / std::chrono::duration<double>(Steady::now() - start).count();
}

// warroom's store: Append (chain hash, chain head) in group-committed writes.
double StoreAppends(int writers) {
  auto store = std::move(store::sqlite::SqliteStore::Open(Fresh("store.db").string()).value());
  std::atomic<long> done{0};
  auto deadline = Steady::now() + kRun;
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      std::string id = "INC-2026-02-12-" + std::to_string(w);
      for (std::int64_t seq = 0; Steady::now() < deadline; ++seq) {
        auto r = store->WriteSync([&](store::WriteTx& tx) -> Outcome {
          auto e = tx.Append(store::NewEvent{id, FromMicros(1), FromMicros(2), "user", "alice",
                                             "note_added", kPayload},
                             seq);
          if (!e.ok()) return e.error();
          return Success();
        });
        if (r.ok()) done.fetch_add(1);
      }
    });
  }
  auto start = Steady::now();
  for (auto& t : threads) t.join();
  return done.load() / std::chrono::duration<double>(Steady::now() - start).count();
}

// The whole command path: Decide, Append, Apply, projection, clocks.
double EngineCommands(int writers) {
  auto store = std::move(store::sqlite::SqliteStore::Open(Fresh("engine.db").string()).value());
  auto clock = std::make_shared<SimulatedClock>(*ParseTime("2026-02-12T14:00:00Z"));
  const core::Policy& p = core::DefaultPolicy();
  auto registry = std::make_shared<engine::PolicyRegistry>(
      engine::PolicyEntry{p, std::make_shared<core::BusinessCalendar>(
                                 p.business_hours, std::make_shared<FixedOffsetZone>())});
  engine::IncidentService svc(*store, clock, registry);
  engine::Caller admin{"admin", store::Permission::kAdmin};
  auto run = [&](engine::CommandRequest req) {
    std::promise<Result<engine::IncidentView>> pr;
    auto f = pr.get_future();
    svc.Execute(admin, std::move(req),
                [&](Result<engine::IncidentView> r) { pr.set_value(std::move(r)); });
    return f.get();
  };
  std::vector<std::string> ids;
  for (int w = 0; w < writers; ++w) {
    core::commands::Declare d;
    d.severity = core::Severity::kP1;
    d.summary = "bench";
    ids.push_back(run({"", d, std::nullopt})->state.id);
  }
  std::atomic<long> done{0};
  auto deadline = Steady::now() + kRun;
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      while (Steady::now() < deadline) {
        auto r = run(
            {ids[w],
             core::commands::AddNote{core::NoteKind::kFinding, "p99 latency of checkout is 4.2 s"},
             std::nullopt});
        if (r.ok()) done.fetch_add(1);
      }
    });
  }
  auto start = Steady::now();
  for (auto& t : threads) t.join();
  return done.load() / std::chrono::duration<double>(Steady::now() - start).count();
}

}  // namespace

int main() {
  std::printf("Durable appends per second (WAL, synchronous=FULL, %lld s each)\n",
              static_cast<long long>(kRun.count()));
  std::printf("%-8s %14s %14s %14s %12s %12s\n", "writers", "raw sqlite/s", "store/s", "engine/s",
              "store/raw", "engine/raw");
  for (int writers : {1, 64}) {
    double raw = RawSqlite(writers);
    double st = StoreAppends(writers);
    double en = EngineCommands(writers);
    std::printf("%-8d %14.0f %14.0f %14.0f %12.2f %12.2f\n", writers, raw, st, en, st / raw,
                en / raw);
    std::fflush(stdout);
  }
  fs::remove_all(fs::temp_directory_path() / ("warroom-bench-" + std::to_string(::getpid())));
  return 0;
}
