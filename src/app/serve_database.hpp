#pragma once

// What `warroom serve` opens before anything else: the database named by
// --database (SQLite or PostgreSQL), its signing key and the clock.

#include <memory>
#include <optional>
#include <string>

#include "app/database_lock.hpp"
#include "app/serve.hpp"
#include "base/clock.hpp"
#include "store/checkpoint.hpp"
#include "store/store.hpp"

namespace warroom::app {

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
  std::optional<DatabaseLock> lock;  // SQLite: held while serving
};

// This instance among those sharing a database: host name and process id.
std::string InstanceName();

// Opens the database with every file it creates 0600. On failure logs why
// and sets `exit_code` (2: a bad option, 1: the files or the server).
std::optional<Database> OpenDatabase(const ServeOptions& o, int& exit_code);

}  // namespace warroom::app
