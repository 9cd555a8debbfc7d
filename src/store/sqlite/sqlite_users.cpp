// Users and their API tokens in SQLite.
#include "store/sql_columns.hpp"
#include "store/sqlite/sqlite_tx.hpp"

namespace warroom::store::sqlite {

using namespace sql_columns;

User ReadUser(const Stmt& q, int at) {
  User u;
  u.handle = q.Text(at + 0);
  u.name = q.Text(at + 1);
  u.email = q.Text(at + 2);
  u.chat_handle = q.Text(at + 3);
  u.permission = ParsePermission(q.Text(at + 4)).value_or(Permission::kViewer);
  u.created_at = FromMicros(q.Int(at + 5));
  u.slack_member_id = q.Text(at + 6);
  u.phone = q.Text(at + 7);
  if (!q.IsNull(at + 8)) u.disabled_at = FromMicros(q.Int(at + 8));
  u.publish_public = q.Int(at + 9) != 0;
  return u;
}

namespace {

ApiToken ReadToken(const Stmt& q) {
  ApiToken t;
  t.id = q.Int(0);
  t.handle = q.Text(1);
  t.label = q.Text(2);
  // An unknown stored scope grants the least.
  t.scope = ParseScope(q.Text(3)).value_or(Permission::kViewer);
  t.created_at = FromMicros(q.Int(4));
  if (!q.IsNull(5)) t.expires_at = FromMicros(q.Int(5));
  if (!q.IsNull(6)) t.last_used_at = FromMicros(q.Int(6));
  if (!q.IsNull(7)) t.revoked_at = FromMicros(q.Int(7));
  return t;
}

}  // namespace

Stmt& BindTime(Stmt& q, int i, const std::optional<TimePoint>& t) {
  return t ? q.Bind(i, ToMicros(*t)) : q.BindNull(i);
}

Result<std::optional<User>> SqliteTx::FindUser(const std::string& handle) {
  Stmt q(conn_, std::string("SELECT ") + kUserColumns + " FROM users WHERE handle = ?");
  q.Bind(1, handle);
  return OneRow(q, [](const Stmt& s) { return ReadUser(s); });
}

Result<std::vector<User>> SqliteTx::ListUsers() {
  Stmt q(conn_, std::string("SELECT ") + kUserColumns + " FROM users ORDER BY handle");
  return AllRows(q, [](const Stmt& s) { return ReadUser(s); });
}

Result<std::int64_t> SqliteTx::CountUsers() {
  Stmt q(conn_, "SELECT count(*) FROM users");
  if (q.Step()) return q.Int(0);
  return q.error();
}

Result<std::int64_t> SqliteTx::CountActiveAdmins() {
  Stmt q(conn_, "SELECT count(*) FROM users WHERE permission = 'admin' AND disabled_at IS NULL");
  if (q.Step()) return q.Int(0);
  return q.error();
}

Outcome SqliteTx::InsertUser(const User& u) {
  Stmt q(conn_, std::string("INSERT INTO users (") + kUserColumns +
                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.Bind(1, u.handle)
      .Bind(2, u.name)
      .Bind(3, u.email)
      .Bind(4, u.chat_handle)
      .Bind(5, PermissionName(u.permission))
      .Bind(6, ToMicros(u.created_at))
      .Bind(7, u.slack_member_id)
      .Bind(8, u.phone);
  BindTime(q, 9, u.disabled_at);
  q.Bind(10, static_cast<std::int64_t>(u.publish_public ? 1 : 0));
  auto r = q.Exec();
  if (!r.ok() && r.error().code == ErrorCode::kConflict)
    return Error::AlreadyExists("a user '" + u.handle + "' already exists");
  return r;
}

Outcome SqliteTx::SetUserDisabled(const std::string& handle, std::optional<TimePoint> at) {
  Stmt q(conn_, "UPDATE users SET disabled_at = ? WHERE handle = ?");
  BindTime(q, 1, at).Bind(2, handle);
  WARROOM_RETURN_IF_ERROR(q.Exec());
  if (sqlite3_changes(conn_.get()) == 0) return Error::NotFound("no user '" + handle + "'");
  return Success();
}

Outcome SqliteTx::UpdateUserContact(const User& u) {
  Stmt q(conn_,
         "UPDATE users SET name = ?, email = ?, chat_handle = ?, slack_member_id = ?, phone = ? "
         "WHERE handle = ?");
  q.Bind(1, u.name)
      .Bind(2, u.email)
      .Bind(3, u.chat_handle)
      .Bind(4, u.slack_member_id)
      .Bind(5, u.phone)
      .Bind(6, u.handle);
  WARROOM_RETURN_IF_ERROR(q.Exec());
  if (sqlite3_changes(conn_.get()) == 0) return Error::NotFound("no user '" + u.handle + "'");
  return Success();
}

Outcome SqliteTx::SetUserPermission(const std::string& handle, Permission p) {
  Stmt q(conn_, "UPDATE users SET permission = ? WHERE handle = ?");
  q.Bind(1, PermissionName(p)).Bind(2, handle);
  WARROOM_RETURN_IF_ERROR(q.Exec());
  if (sqlite3_changes(conn_.get()) == 0) return Error::NotFound("no user '" + handle + "'");
  return Success();
}

Outcome SqliteTx::SetUserPublishPublic(const std::string& handle, bool publish) {
  Stmt q(conn_, "UPDATE users SET publish_public = ? WHERE handle = ?");
  q.Bind(1, static_cast<std::int64_t>(publish ? 1 : 0)).Bind(2, handle);
  WARROOM_RETURN_IF_ERROR(q.Exec());
  if (sqlite3_changes(conn_.get()) == 0) return Error::NotFound("no user '" + handle + "'");
  return Success();
}

Result<std::optional<TokenGrant>> SqliteTx::FindTokenByDigest(const Hash& digest) {
  // Built once: the statement cache is keyed by the SQL text, and this runs
  // for every authenticated request.
  static const std::string kSql =
      std::string("SELECT ") + kTokenColumns + ", " + kJoinedUserColumns +
      " FROM api_tokens t JOIN users u ON u.handle = t.handle WHERE t.digest = ?";
  Stmt q(conn_, kSql);
  q.BindBlob(1, digest.data(), digest.size());
  return OneRow(q, [](const Stmt& s) {
    return TokenGrant{ReadToken(s), ReadUser(s, kTokenColumnCount)};
  });
}

Result<std::optional<ApiToken>> SqliteTx::FindToken(std::int64_t id) {
  Stmt q(conn_, std::string("SELECT ") + kTokenColumns + " FROM api_tokens t WHERE t.id = ?");
  q.Bind(1, id);
  return OneRow(q, ReadToken);
}

Result<std::vector<ApiToken>> SqliteTx::ListTokens(const std::string& handle) {
  Stmt q(conn_, std::string("SELECT ") + kTokenColumns +
                    " FROM api_tokens t WHERE ?1 = '' OR t.handle = ?1 ORDER BY t.id");
  q.Bind(1, handle);
  return AllRows(q, ReadToken);
}

Result<std::int64_t> SqliteTx::InsertToken(const Hash& digest, const ApiToken& t) {
  Stmt q(conn_,
         "INSERT INTO api_tokens (digest, handle, label, scope, created_at, expires_at) "
         "VALUES (?, ?, ?, ?, ?, ?)");
  q.BindBlob(1, digest.data(), digest.size())
      .Bind(2, t.handle)
      .Bind(3, t.label)
      .Bind(4, ScopeName(t.scope))
      .Bind(5, ToMicros(t.created_at));
  BindTime(q, 6, t.expires_at);
  WARROOM_RETURN_IF_ERROR(q.Exec());
  return sqlite3_last_insert_rowid(conn_.get());
}

Outcome SqliteTx::RevokeToken(std::int64_t id, TimePoint at) {
  WARROOM_ASSIGN_OR_RETURN(auto t, FindToken(id));
  if (!t) return Error::NotFound("no token " + std::to_string(id));
  if (t->revoked_at)
    return Error::FailedPrecondition("token " + std::to_string(id) + " was already revoked at " +
                                     FormatTime(*t->revoked_at));
  Stmt q(conn_, "UPDATE api_tokens SET revoked_at = ? WHERE id = ?");
  q.Bind(1, ToMicros(at)).Bind(2, id);
  return q.Exec();
}

Outcome SqliteTx::TouchTokens(const std::vector<std::int64_t>& ids, TimePoint at) {
  for (auto id : ids) {
    Stmt q(conn_, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?");
    q.Bind(1, ToMicros(at)).Bind(2, id);
    WARROOM_RETURN_IF_ERROR(q.Exec());
  }
  return Success();
}

}  // namespace warroom::store::sqlite
