// Idempotency records in SQLite.
#include "store/sql_columns.hpp"
#include "store/sqlite/sqlite_tx.hpp"

namespace warroom::store::sqlite {

using namespace sql_columns;

Result<std::optional<RequestRecord>> SqliteTx::FindRequest(const std::string& caller,
                                                           const std::string& key) {
  Stmt q(conn_,
         std::string("SELECT ") + kRequestColumns + " FROM requests WHERE caller = ? AND key = ?");
  q.Bind(1, caller).Bind(2, key);
  return OneRow(q, [](const Stmt& r) {
    RequestRecord out;
    out.caller = r.Text(0);
    out.key = r.Text(1);
    out.method = r.Text(2);
    out.path = r.Text(3);
    std::string d = r.Text(4);
    for (std::size_t i = 0; i < d.size() && i < out.body_digest.size(); ++i)
      out.body_digest[i] = static_cast<unsigned char>(d[i]);
    out.status = static_cast<int>(r.Int(5));
    out.content_type = r.Text(6);
    out.answer = r.Text(7);
    out.at = FromMicros(r.Int(8));
    return out;
  });
}

Outcome SqliteTx::RecordRequest(const RequestRecord& r) {
  Stmt q(conn_, std::string("INSERT INTO requests (") + kRequestColumns +
                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  q.Bind(1, r.caller).Bind(2, r.key).Bind(3, r.method).Bind(4, r.path);
  q.BindBlob(5, r.body_digest.data(), r.body_digest.size());
  q.Bind(6, std::int64_t(r.status)).Bind(7, r.content_type);
  q.BindBlob(8, r.answer.data(), r.answer.size());
  q.Bind(9, ToMicros(r.at));
  WARROOM_RETURN_IF_ERROR(q.Exec());
  if (sqlite3_changes(conn_.get()) == 0)
    return Error::AlreadyExists("the Idempotency-Key '" + r.key + "' was used before");
  return Success();
}

Result<std::int64_t> SqliteTx::ForgetRequests(TimePoint before) {
  Stmt q(conn_, "DELETE FROM requests WHERE at < ?");
  q.Bind(1, ToMicros(before));
  WARROOM_RETURN_IF_ERROR(q.Exec());
  return static_cast<std::int64_t>(sqlite3_changes(conn_.get()));
}

}  // namespace warroom::store::sqlite
