#include "app/verify_command.hpp"

#include <boost/json.hpp>
#include <filesystem>
#include <iostream>

#include "app/database_url.hpp"
#include "store/checkpoint.hpp"
#include "store/postgres/pg_tx.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/sqlite_tx.hpp"
#include "store/verify.hpp"

namespace warroom::app {
namespace {

// What verify reads: every event in global order, every checkpoint, and
// the ids the incident list holds.
struct LogCopy {
  std::vector<store::StoredEvent> events;
  std::vector<store::Checkpoint> checkpoints;
  std::vector<std::string> incidents;
};

// Reads a SQLite file (read-only); the exit code on failure in `code`.
Result<LogCopy> ReadSqlite(const std::string& path, int& code) {
  code = 3;
  if (!std::filesystem::exists(path)) return Error::NotFound("no database at " + path);
  code = 6;
  WARROOM_ASSIGN_OR_RETURN(auto conn, store::sqlite::Connection::Open(path, true));
  code = 1;
  LogCopy copy;
  WARROOM_ASSIGN_OR_RETURN(copy.events, store::sqlite::LoadAllEvents(conn->get()));
  WARROOM_ASSIGN_OR_RETURN(copy.checkpoints, store::sqlite::LoadCheckpoints(conn->get()));
  store::sqlite::Stmt q(conn->get(), "SELECT id FROM incidents ORDER BY id");
  while (q.Step()) copy.incidents.push_back(q.Text(0));
  if (q.Failed()) return q.error();
  return copy;
}

// Reads PostgreSQL in one REPEATABLE READ snapshot (the servers may be
// writing meanwhile).
Result<LogCopy> ReadPostgres(const std::string& conninfo, int& code) {
  code = 6;
  WARROOM_ASSIGN_OR_RETURN(auto conn, store::postgres::Connection::Open(conninfo));
  code = 1;
  WARROOM_RETURN_IF_ERROR(conn->Script("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
  LogCopy copy;
  WARROOM_ASSIGN_OR_RETURN(copy.events, store::postgres::LoadAllEvents(*conn));
  WARROOM_ASSIGN_OR_RETURN(copy.checkpoints, store::postgres::LoadCheckpoints(*conn));
  WARROOM_ASSIGN_OR_RETURN(
      copy.incidents,
      store::postgres::AllRows(*conn, "SELECT id FROM incidents ORDER BY id", {},
                               [](const store::postgres::Row& r) { return r.Text(0); }));
  WARROOM_RETURN_IF_ERROR(conn->Script("COMMIT"));
  return copy;
}

}  // namespace

int Verify(const std::string& database, const std::string& key_file, bool json) {
  auto url = ParseDatabaseUrl(database);
  if (!url.ok()) {
    std::cerr << "warroom: " << url.error().message << "\n";
    return 2;
  }
  int code = 1;
  auto copy = url->kind == DatabaseUrl::Kind::kSqlite ? ReadSqlite(url->target, code)
                                                      : ReadPostgres(url->target, code);
  if (!copy.ok()) {
    std::cerr << "warroom: " << copy.error().message << "\n";
    return code;
  }
  store::VerifyInput in;
  in.events = &copy->events;
  in.checkpoints = &copy->checkpoints;
  in.projected_incidents = copy->incidents;
  std::string key_path = key_file.empty() ? DefaultSigningKey(*url) : key_file;
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
                          {"admin_events", r.admin_events},
                          {"status_page_events", r.status_page_events},
                          {"checkpoints", r.checkpoints},
                          {"covered_through", r.covered_through}};
    if (!r.ok) {
      o["first_bad_global_seq"] = r.first_bad_global_seq;
      o["first_bad_incident"] = r.first_bad_incident;
      o["problem"] = r.problem;
    }
    std::cout << boost::json::serialize(o) << "\n";
  } else if (r.ok) {
    std::cout << "OK: " << r.events << " events in " << r.incidents << " incidents"
              << (r.admin_events
                      ? " and " + std::to_string(r.admin_events) + " on the administration chain"
                      : "")
              << (r.status_page_events
                      ? ", " + std::to_string(r.status_page_events) + " on the status-page chain"
                      : "")
              << "; every chain and the global "
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
