// Leases in SQLite, on the process's clock (one process writes the file).
#include "store/lease_rule.hpp"
#include "store/sqlite/sqlite_tx.hpp"

namespace warroom::store::sqlite {

Result<std::optional<Lease>> SqliteTx::FindLease(const std::string& name) {
  Stmt q(conn_, "SELECT name, holder, epoch, expires_at FROM leases WHERE name = ?");
  q.Bind(1, name);
  TimePoint now = SystemNow();
  return OneRow(q, [now](const Stmt& r) {
    return Lease{r.Text(0), r.Text(1), r.Int(2), FromMicros(r.Int(3)), now};
  });
}

Result<Lease> SqliteTx::TakeLease(const std::string& name, const std::string& holder,
                                  std::chrono::microseconds ttl) {
  WARROOM_ASSIGN_OR_RETURN(auto current, FindLease(name));
  Lease l = TakenLease(current, name, holder, SystemNow(), ttl);
  if (l.holder != holder) return l;
  Stmt u(conn_,
         "INSERT INTO leases (name, holder, epoch, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT "
         "(name) DO UPDATE SET holder = excluded.holder, epoch = excluded.epoch, expires_at = "
         "excluded.expires_at");
  u.Bind(1, l.name).Bind(2, l.holder).Bind(3, l.epoch).Bind(4, ToMicros(l.expires_at));
  WARROOM_RETURN_IF_ERROR(u.Exec());
  return l;
}

Outcome SqliteTx::ReleaseLease(const std::string& name, const std::string& holder) {
  Stmt u(conn_,
         "UPDATE leases SET expires_at = ?1 WHERE name = ?2 AND holder = ?3 AND expires_at > ?1");
  u.Bind(1, ToMicros(SystemNow())).Bind(2, name).Bind(3, holder);
  return u.Exec();
}

}  // namespace warroom::store::sqlite
