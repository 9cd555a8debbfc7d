// Leases in PostgreSQL, on the database's clock: instances whose own clocks
// disagree still agree on who holds a lease and until when.
#include "store/lease_rule.hpp"
#include "store/postgres/pg_tx.hpp"

namespace warroom::store::postgres {
namespace {

// The database's clock in microseconds since the epoch.
constexpr const char* kNow = "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint";

}  // namespace

Result<std::optional<Lease>> PgTx::FindLease(const std::string& name) {
  Params p;
  std::string sql = std::string("SELECT ") + kNow +
                    ", l.holder, l.epoch, l.expires_at FROM (SELECT 1) one LEFT JOIN leases l ON "
                    "l.name = " +
                    p.Text(name);
  WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query(sql, p));
  if (rows.empty()) return Error::Internal("the lease query returned no row");
  Row r(rows, 0);
  if (r.IsNull(1)) return std::optional<Lease>();
  return std::optional<Lease>(Lease{name, r.Text(1), r.Int(2), r.Time(3), r.Time(0)});
}

Result<Lease> PgTx::TakeLease(const std::string& name, const std::string& holder,
                              std::chrono::microseconds ttl) {
  // Read and written under the writers' lock (kWriterLock): no other
  // instance changes the row in between.
  Params p;
  std::string sql = std::string("SELECT ") + kNow +
                    ", l.holder, l.epoch, l.expires_at FROM (SELECT 1) one LEFT JOIN leases l ON "
                    "l.name = " +
                    p.Text(name);
  WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query(sql, p));
  if (rows.empty()) return Error::Internal("the lease query returned no row");
  Row r(rows, 0);
  std::optional<Lease> current;
  if (!r.IsNull(1)) current = Lease{name, r.Text(1), r.Int(2), r.Time(3), r.Time(0)};
  Lease l = TakenLease(current, name, holder, r.Time(0), ttl);
  if (l.holder != holder) return l;
  Params q;
  std::string up = "INSERT INTO leases (name, holder, epoch, expires_at) VALUES (" +
                   q.Text(l.name) + ", " + q.Text(l.holder) + ", " + q.Int(l.epoch) + ", " +
                   q.Time(l.expires_at) +
                   ") ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, epoch = "
                   "excluded.epoch, expires_at = excluded.expires_at";
  WARROOM_RETURN_IF_ERROR(conn_.Exec(up, q));
  return l;
}

Outcome PgTx::ReleaseLease(const std::string& name, const std::string& holder) {
  Params p;
  std::string sql = std::string("UPDATE leases SET expires_at = ") + kNow +
                    " WHERE name = " + p.Text(name) + " AND holder = " + p.Text(holder) +
                    " AND expires_at > " + kNow;
  return conn_.Exec(sql, p);
}

Outcome PgTx::CheckLease(const std::string& name, const std::string& holder, std::int64_t epoch) {
  WARROOM_ASSIGN_OR_RETURN(auto current, FindLease(name));
  return FenceOf(current, name, holder, epoch, current ? current->now : SystemNow());
}

}  // namespace warroom::store::postgres
