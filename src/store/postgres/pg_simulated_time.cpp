// Simulated time in PostgreSQL: one row, moved forward only, shared by
// every instance.
#include "store/postgres/pg_tx.hpp"

namespace warroom::store::postgres {

Result<std::optional<TimePoint>> PgTx::SimulatedNow() {
  Params p;
  return OneRow(conn_, "SELECT now_us FROM simulated_time WHERE id = 1", p,
                [](const Row& r) { return r.Time(0); });
}

Result<TimePoint> PgTx::AdvanceSimulatedNow(TimePoint to) {
  Params p;
  std::string sql = "INSERT INTO simulated_time (id, now_us) VALUES (1, " + p.Time(to) +
                    ") ON CONFLICT (id) DO UPDATE SET now_us = GREATEST(simulated_time.now_us, "
                    "excluded.now_us) RETURNING now_us";
  WARROOM_ASSIGN_OR_RETURN(auto kept,
                           OneRow(conn_, sql, p, [](const Row& r) { return r.Time(0); }));
  if (!kept) return Error::Internal("no simulated time after keeping it");
  return *kept;
}

}  // namespace warroom::store::postgres
