// Leases in PostgreSQL, on the database's clock: instances whose own clocks
// disagree still agree on who holds a lease and until when.
#include "store/lease_rule.hpp"
#include "store/postgres/pg_tx.hpp"

namespace warroom::store::postgres {
namespace {

// The database's clock in microseconds since the epoch.
constexpr const char* kNow = "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint";

// The lease `name` as it stands (nullopt: never taken) and the database's
// clock, in one round trip.
Result<std::pair<std::optional<Lease>, TimePoint>> LeaseAndNow(Connection& c,
                                                               const std::string& name) {
  Params p;
  std::string sql = std::string("SELECT ") + kNow +
                    ", l.holder, l.epoch, l.expires_at FROM (SELECT 1) one LEFT JOIN leases l ON "
                    "l.name = " +
                    p.Text(name);
  WARROOM_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, p));
  if (rows.empty()) return Error::Internal("the lease query returned no row");
  Row r(rows, 0);
  std::optional<Lease> lease;
  if (!r.IsNull(1)) lease = Lease{name, r.Text(1), r.Int(2), r.Time(3), r.Time(0)};
  return std::pair{lease, r.Time(0)};
}

}  // namespace

Result<std::optional<Lease>> PgTx::FindLease(const std::string& name) {
  WARROOM_ASSIGN_OR_RETURN(auto found, LeaseAndNow(conn_, name));
  return found.first;
}

Result<Lease> PgTx::TakeLease(const std::string& name, const std::string& holder,
                              std::chrono::microseconds ttl) {
  // Read and written under the writers' lock (kWriterLock): no other
  // instance changes the row in between.
  WARROOM_ASSIGN_OR_RETURN(auto found, LeaseAndNow(conn_, name));
  Lease l = TakenLease(found.first, name, holder, found.second, ttl);
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

}  // namespace warroom::store::postgres
