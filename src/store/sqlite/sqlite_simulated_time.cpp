// Simulated time in SQLite: one row, moved forward only.
#include "store/sqlite/sqlite_tx.hpp"

namespace warroom::store::sqlite {

Result<std::optional<TimePoint>> SqliteTx::SimulatedNow() {
  Stmt q(conn_, "SELECT now_us FROM simulated_time WHERE id = 1");
  return OneRow(q, [](Stmt& s) { return FromMicros(s.Int(0)); });
}

Result<TimePoint> SqliteTx::AdvanceSimulatedNow(TimePoint to) {
  Stmt q(conn_,
         "INSERT INTO simulated_time (id, now_us) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET "
         "now_us = max(now_us, excluded.now_us) RETURNING now_us");
  q.Bind(1, ToMicros(to));
  WARROOM_ASSIGN_OR_RETURN(auto kept, OneRow(q, [](Stmt& s) { return FromMicros(s.Int(0)); }));
  if (!kept) return Error::Internal("no simulated time after keeping it");
  return *kept;
}

}  // namespace warroom::store::sqlite
