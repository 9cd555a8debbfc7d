#include "store/sqlite/db.hpp"
#include "store/sqlite/migrations.inc"  // generated: kMigrations[] from sql/*.sql

namespace warroom::store::sqlite {

Outcome Migrate(Connection& c) {
  WARROOM_RETURN_IF_ERROR(c.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
      "NULL, applied_at INTEGER NOT NULL DEFAULT (unixepoch()))"));
  for (const auto& m : kMigrations) {
    Stmt q(c.get(), "SELECT 1 FROM schema_migrations WHERE version = ?");
    q.Bind(1, m.version);
    if (q.Step()) continue;
    if (q.Failed()) return q.error();
    WARROOM_RETURN_IF_ERROR(c.Exec("BEGIN IMMEDIATE"));
    auto applied = c.Exec(m.sql);
    if (!applied.ok()) {
      (void)c.Exec("ROLLBACK");
      return Error::Internal("migration " + std::string(m.name) +
                             " failed: " + applied.error().message);
    }
    Stmt ins(c.get(), "INSERT INTO schema_migrations (version, name) VALUES (?, ?)");
    ins.Bind(1, m.version).Bind(2, m.name);
    WARROOM_RETURN_IF_ERROR(ins.Exec());
    WARROOM_RETURN_IF_ERROR(c.Exec("COMMIT"));
  }
  return Success();
}

}  // namespace warroom::store::sqlite
