#include "store/postgres/migrations.inc"  // generated: kMigrations[] from sql/*.sql
#include "store/postgres/pg.hpp"

#include <cstdio>

namespace warroom::store::postgres {
namespace {

// pg_advisory_lock's key for applying migrations: instances that start at
// once wait for the first to finish, then find nothing left to apply.
constexpr std::int64_t kMigrationLock = 0x7761'7272'6d69'6772;  // "warrmigr"

Outcome ApplyPending(Connection& c) {
  WARROOM_RETURN_IF_ERROR(
      c.Script("CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, name "
               "text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"));
  for (const auto& m : kMigrations) {
    Params p;
    std::string sql = "SELECT 1 FROM schema_migrations WHERE version = " + p.Int(m.version);
    WARROOM_ASSIGN_OR_RETURN(Rows found, c.Query(sql, p));
    if (!found.empty()) continue;
    WARROOM_RETURN_IF_ERROR(c.Script("BEGIN"));
    auto applied = c.Script(m.sql);
    if (applied.ok()) {
      Params q;
      std::string ins = "INSERT INTO schema_migrations (version, name) VALUES (" +
                        q.Int(m.version) + ", " + q.Text(m.name) + ")";
      applied = c.Exec(ins, q);
    }
    if (applied.ok()) applied = c.Script("COMMIT");
    if (!applied.ok()) {
      (void)c.Script("ROLLBACK");
      return Error{applied.error().code,
                   "migration " + std::string(m.name) + " failed: " + applied.error().message};
    }
  }
  return Success();
}

}  // namespace

Outcome Migrate(Connection& c) {
  Params p;
  std::string lock = "SELECT pg_advisory_lock(" + p.Int(kMigrationLock) + ")";
  WARROOM_RETURN_IF_ERROR(c.Exec(lock, p));
  Outcome r = ApplyPending(c);
  Params u;
  std::string unlock = "SELECT pg_advisory_unlock(" + u.Int(kMigrationLock) + ")";
  Outcome unlocked = c.Exec(unlock, u);
  return r.ok() ? unlocked : r;
}

std::string SchemaFingerprint() {
  // FNV-1a over every migration's text: a changed schema gets a new name.
  std::uint64_t h = 1469598103934665603ULL;
  for (const auto& m : kMigrations)
    for (const char* c = m.sql; *c; ++c)
      h = (h ^ static_cast<unsigned char>(*c)) * 1099511628211ULL;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace warroom::store::postgres
