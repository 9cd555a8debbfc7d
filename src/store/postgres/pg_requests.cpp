// Idempotency records in PostgreSQL.
#include "store/postgres/pg_tx.hpp"
#include "store/sql_columns.hpp"

namespace warroom::store::postgres {

using namespace sql_columns;

Result<std::optional<RequestRecord>> PgTx::FindRequest(const std::string& caller,
                                                       const std::string& key) {
  Params p;
  std::string sql = std::string("SELECT ") + kRequestColumns +
                    " FROM requests WHERE caller = " + p.Text(caller) + " AND key = " + p.Text(key);
  return OneRow(conn_, sql, p, [](const Row& r) {
    RequestRecord out;
    out.caller = r.Text(0);
    out.key = r.Text(1);
    out.method = r.Text(2);
    out.path = r.Text(3);
    r.Bytes(4, out.body_digest);
    out.status = static_cast<int>(r.Int(5));
    out.content_type = r.Text(6);
    out.answer = r.Text(7);
    out.at = r.Time(8);
    return out;
  });
}

Outcome PgTx::RecordRequest(const RequestRecord& r) {
  Params p;
  std::string sql = std::string("INSERT INTO requests (") + kRequestColumns + ") VALUES (" +
                    p.Text(r.caller) + ", " + p.Text(r.key) + ", " + p.Text(r.method) + ", " +
                    p.Text(r.path) + ", " + p.Bytes(r.body_digest) + ", " + p.Int(r.status) + ", " +
                    p.Text(r.content_type) + ", " + p.Bytes(r.answer.data(), r.answer.size()) +
                    ", " + p.Time(r.at) + ") ON CONFLICT DO NOTHING";
  WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query(sql, p));
  if (rows.Affected() == 0)
    return Error::AlreadyExists("the Idempotency-Key '" + r.key + "' was used before");
  return Success();
}

Result<std::int64_t> PgTx::ForgetRequests(TimePoint before) {
  Params p;
  WARROOM_ASSIGN_OR_RETURN(Rows rows,
                           conn_.Query("DELETE FROM requests WHERE at < " + p.Time(before), p));
  return rows.Affected();
}

}  // namespace warroom::store::postgres
