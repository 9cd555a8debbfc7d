#include "app/migrate_command.hpp"

#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

#include "app/database_url.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/postgres/pg_tx.hpp"
#include "store/sqlite/sqlite_tx.hpp"
#include "store/verify.hpp"

namespace warroom::app {
namespace {

namespace pg = store::postgres;
namespace sq = store::sqlite;

// Every table of an installation, parents before the rows that name them.
// Not copied: schema_migrations (each store keeps its own), leases (who
// runs the background modules is decided anew by the instances) and
// sign_in_failures (they only slow the next minutes' attempts).
constexpr const char* kTables[] = {"users",
                                   "api_tokens",
                                   "web_sessions",
                                   "sign_in_links",
                                   "policies",
                                   "integrations",
                                   "events",
                                   "chain_heads",
                                   "checkpoints",
                                   "incidents",
                                   "incident_counters",
                                   "outbox",
                                   "outbox_attempts",
                                   "alerts",
                                   "alert_group_holders",
                                   "requests",
                                   "simulated_time",
                                   "status_page_subscribers",
                                   "status_page_subscriber_tokens"};

struct Failure {
  int code;
  std::string message;
};

// The columns of a PostgreSQL table that a copy writes: not the identity
// columns (declaration order and the like), which follow the insertion order.
Result<std::vector<std::string>> CopiedColumns(pg::Connection& c, const std::string& table) {
  pg::Params p;
  std::string sql =
      "SELECT column_name::text FROM information_schema.columns WHERE table_schema = "
      "current_schema() AND table_name = " +
      p.Text(table) +
      " AND is_identity = 'NO' AND is_generated = 'NEVER' ORDER BY ordinal_position";
  return pg::AllRows(c, sql, p, [](const pg::Row& r) { return r.Text(0); });
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// Shows how far the copy is: one line redrawn on a terminal, a line per
// table otherwise.
class Progress {
 public:
  Progress(std::int64_t total, bool quiet)
      : total_(total), tty_(isatty(2) && !quiet), quiet_(quiet) {}
  void Table(const std::string& name, std::int64_t rows) {
    if (!quiet_ && !tty_) std::cerr << "copying " << name << ": " << rows << " row(s)\n";
  }
  void Row(const std::string& name) {
    ++done_;
    if (!tty_ || (done_ % 500 != 0 && done_ != total_)) return;
    std::fprintf(stderr, "\rcopying %-20s %lld of %lld rows (%d%%)", name.c_str(),
                 static_cast<long long>(done_), static_cast<long long>(total_),
                 total_ ? static_cast<int>(100 * done_ / total_) : 100);
    std::fflush(stderr);
  }
  void End() {
    if (tty_) std::fprintf(stderr, "\n");
  }

 private:
  std::int64_t total_, done_ = 0;
  bool tty_, quiet_;
};

Result<std::int64_t> CountRows(sq::Connection& src, const std::string& table) {
  sq::Stmt q(src.get(), "SELECT count(*) FROM " + table);
  if (!q.Step()) return q.error();
  return q.Int(0);
}

// Copies one table's rows in the source's insertion order.
Outcome CopyTable(sq::Connection& src, pg::Connection& dst, const std::string& table,
                  Progress& progress) {
  WARROOM_ASSIGN_OR_RETURN(auto columns, CopiedColumns(dst, table));
  if (columns.empty()) return Error::Internal("the target has no table " + table);
  std::string list = Join(columns);
  sq::Stmt q(src.get(), "SELECT " + list + " FROM " + table + " ORDER BY rowid");
  if (!q.ok()) return q.error();
  while (q.Step()) {
    pg::Params p;
    std::string values;
    for (int i = 0; i < static_cast<int>(columns.size()); ++i) {
      std::string ph;
      switch (q.Type(i)) {
        case SQLITE_NULL:
          ph = p.Null();
          break;
        case SQLITE_BLOB: {
          std::string bytes = q.Text(i);
          ph = p.Bytes(bytes.data(), bytes.size());
          break;
        }
        default:
          // Integers and text as text: the server reads each as its column's
          // type (0 and 1 as booleans too).
          ph = p.Text(q.Text(i));
      }
      values += (i ? ", " : "") + ph;
    }
    WARROOM_RETURN_IF_ERROR(
        dst.Exec("INSERT INTO " + table + " (" + list + ") VALUES (" + values + ")", p));
    progress.Row(table);
  }
  if (q.Failed()) return q.error();
  return Success();
}

struct Side {
  std::vector<store::StoredEvent> events;
  std::vector<store::Checkpoint> checkpoints;
  store::VerifyReport report;
};

store::VerifyReport Check(Side& s) {
  store::VerifyInput in;
  in.events = &s.events;
  in.checkpoints = &s.checkpoints;
  return store::VerifyLog(in);
}

}  // namespace

int Migrate(const std::string& from, const std::string& to, bool json) {
  auto fail = [&](int code, const std::string& message) {
    if (json) {
      std::cout << boost::json::serialize(boost::json::object{{"ok", false}, {"error", message}})
                << "\n";
    }
    std::cerr << "warroom: " << message << "\n";
    return code;
  };
  auto source = ParseDatabaseUrl(from);
  auto target = ParseDatabaseUrl(to);
  if (!source.ok()) return fail(2, "--from: " + source.error().message);
  if (!target.ok()) return fail(2, "--to: " + target.error().message);
  if (source->kind != DatabaseUrl::Kind::kSqlite || target->kind != DatabaseUrl::Kind::kPostgres)
    return fail(2,
                "migrate copies a SQLite installation into PostgreSQL: --from sqlite:PATH --to "
                "postgres://USER@HOST:PORT/DB");
  if (!std::filesystem::exists(source->target)) return fail(3, "no database at " + source->target);
  auto src = sq::Connection::Open(source->target, true);
  if (!src.ok()) return fail(6, src.error().message);
  auto dst = pg::Connection::Open(target->target);
  if (!dst.ok()) return fail(6, dst.error().message);
  if (auto m = pg::Migrate(**dst); !m.ok()) return fail(6, m.error().message);
  {
    auto rows = (*dst)->Query(
        "SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM users) + (SELECT count(*) "
        "FROM integrations) + (SELECT count(*) FROM alerts)");
    if (!rows.ok()) return fail(6, rows.error().message);
    if (rows->Int(0, 0) > 0)
      return fail(2,
                  "the target database is not empty (it holds events, users, integrations or "
                  "alerts): migrate into a new, empty database (createdb)");
  }
  // The source in one snapshot, the target in one transaction under the
  // writers' lock: a server started on the target meanwhile waits, and a
  // failed copy leaves nothing.
  auto t0 = std::chrono::steady_clock::now();
  if (auto r = (*src)->Exec("BEGIN"); !r.ok()) return fail(6, r.error().message);
  std::map<std::string, std::int64_t> counts;
  std::int64_t total = 0;
  for (const char* table : kTables) {
    auto n = CountRows(**src, table);
    if (!n.ok()) return fail(1, n.error().message);
    counts[table] = *n;
    total += *n;
  }
  Progress progress(total, json);
  Outcome copied = (*dst)->Script("BEGIN; SELECT pg_advisory_xact_lock(" +
                                  std::to_string(pg::kWriterLock) + ")");
  for (const char* table : kTables) {
    if (!copied.ok()) break;
    progress.Table(table, counts[table]);
    copied = CopyTable(**src, **dst, table, progress);
  }
  if (copied.ok()) copied = (*dst)->Script("COMMIT");
  progress.End();
  (void)(*src)->Exec("COMMIT");
  if (!copied.ok()) {
    (void)(*dst)->Script("ROLLBACK");
    return fail(1, "the copy failed, nothing was kept: " + copied.error().message);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  // Both sides checked, and compared.
  Side a, b;
  auto ae = sq::LoadAllEvents((*src)->get());
  auto ac = sq::LoadCheckpoints((*src)->get());
  auto be = pg::LoadAllEvents(**dst);
  auto bc = pg::LoadCheckpoints(**dst);
  if (!ae.ok() || !ac.ok() || !be.ok() || !bc.ok())
    return fail(1, "copied, but the logs could not be read back to check them");
  a.events = std::move(*ae);
  a.checkpoints = std::move(*ac);
  b.events = std::move(*be);
  b.checkpoints = std::move(*bc);
  a.report = Check(a);
  b.report = Check(b);
  bool same = a.events.size() == b.events.size() && a.checkpoints.size() == b.checkpoints.size() &&
              (a.events.empty() || a.events.back().hash == b.events.back().hash);
  for (std::size_t i = 0; same && i < a.events.size(); ++i)
    same = a.events[i].hash == b.events[i].hash && a.events[i].global_seq == b.events[i].global_seq;
  bool ok = a.report.ok && b.report.ok && same;
  if (json) {
    boost::json::object tables;
    for (const auto& [name, n] : counts) tables[name] = n;
    std::cout << boost::json::serialize(boost::json::object{{"ok", ok},
                                                            {"tables", tables},
                                                            {"rows", total},
                                                            {"events", b.report.events},
                                                            {"incidents", b.report.incidents},
                                                            {"checkpoints", b.report.checkpoints},
                                                            {"source_verified", a.report.ok},
                                                            {"target_verified", b.report.ok},
                                                            {"agree", same},
                                                            {"seconds", secs}})
              << "\n";
  } else {
    std::printf("copied %lld rows of %zu tables in %.1f s\n", static_cast<long long>(total),
                std::size(kTables), secs);
    std::printf(
        "verify: source %s, target %s, %s: %lld events in %lld incidents, %lld signed "
        "checkpoint(s)\n",
        a.report.ok ? "OK" : "TAMPERED", b.report.ok ? "OK" : "TAMPERED",
        same ? "the same log" : "THE LOGS DIFFER", static_cast<long long>(b.report.events),
        static_cast<long long>(b.report.incidents), static_cast<long long>(b.report.checkpoints));
    if (ok)
      std::printf(
          "next: warroom serve --database <the --to URL> --signing-key %s.signing-key "
          "(the source's key signed its checkpoints; every instance needs it)\n",
          source->target.c_str());
  }
  if (!ok) std::cerr << "warroom: the copied log does not check out: " << b.report.problem << "\n";
  return ok ? 0 : 1;
}

}  // namespace warroom::app
