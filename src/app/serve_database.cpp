#include "app/serve_database.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "app/database_url.hpp"
#include "app/file_permissions.hpp"
#include "app/simulated_time.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace warroom::app {

std::string InstanceName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "unknown");
  return std::string(host) + "-" + std::to_string(getpid());
}

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
    auto lock = DatabaseLock::Take(url->target);
    if (!lock.ok()) {
      spdlog::error("refusing to start: {}", lock.error().message);
      return std::nullopt;
    }
    db.lock.emplace(std::move(*lock));
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

}  // namespace warroom::app
