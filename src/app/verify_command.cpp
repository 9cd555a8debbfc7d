#include "app/verify_command.hpp"

#include <boost/json.hpp>
#include <filesystem>
#include <iostream>

#include "app/database_url.hpp"
#include "store/checkpoint.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/sqlite_tx.hpp"
#include "store/verify.hpp"

namespace warroom::app {

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
