// Users and their API tokens in PostgreSQL.
#include "store/postgres/pg_tx.hpp"
#include "store/sql_columns.hpp"

namespace warroom::store::postgres {

using namespace sql_columns;

User ReadUser(const Row& r, int at) {
  User u;
  u.handle = r.Text(at + 0);
  u.name = r.Text(at + 1);
  u.email = r.Text(at + 2);
  u.chat_handle = r.Text(at + 3);
  u.permission = ParsePermission(r.Text(at + 4)).value_or(Permission::kViewer);
  u.created_at = r.Time(at + 5);
  u.slack_member_id = r.Text(at + 6);
  u.phone = r.Text(at + 7);
  u.disabled_at = r.OptTime(at + 8);
  u.publish_public = r.Bool(at + 9);
  return u;
}

namespace {

ApiToken ReadToken(const Row& r) {
  ApiToken t;
  t.id = r.Int(0);
  t.handle = r.Text(1);
  t.label = r.Text(2);
  // An unknown stored scope grants the least.
  t.scope = ParseScope(r.Text(3)).value_or(Permission::kViewer);
  t.created_at = r.Time(4);
  t.expires_at = r.OptTime(5);
  t.last_used_at = r.OptTime(6);
  t.revoked_at = r.OptTime(7);
  return t;
}

Error NoUser(const std::string& handle) { return Error::NotFound("no user '" + handle + "'"); }

}  // namespace

Result<std::optional<User>> PgTx::FindUser(const std::string& handle) {
  Params p;
  std::string sql =
      std::string("SELECT ") + kUserColumns + " FROM users WHERE handle = " + p.Text(handle);
  return OneRow(conn_, sql, p, [](const Row& r) { return ReadUser(r); });
}

Result<std::vector<User>> PgTx::ListUsers() {
  return AllRows(conn_, std::string("SELECT ") + kUserColumns + " FROM users ORDER BY handle",
                 Params(), [](const Row& r) { return ReadUser(r); });
}

Result<std::int64_t> PgTx::CountUsers() {
  WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query("SELECT count(*) FROM users"));
  return rows.Int(0, 0);
}

Result<std::int64_t> PgTx::CountActiveAdmins() {
  WARROOM_ASSIGN_OR_RETURN(
      Rows rows,
      conn_.Query("SELECT count(*) FROM users WHERE permission = 'admin' AND disabled_at IS NULL"));
  return rows.Int(0, 0);
}

Outcome PgTx::InsertUser(const User& u) {
  Params p;
  std::string sql = std::string("INSERT INTO users (") + kUserColumns + ") VALUES (" +
                    p.Text(u.handle) + ", " + p.Text(u.name) + ", " + p.Text(u.email) + ", " +
                    p.Text(u.chat_handle) + ", " + p.Text(PermissionName(u.permission)) + ", " +
                    p.Time(u.created_at) + ", " + p.Text(u.slack_member_id) + ", " +
                    p.Text(u.phone) + ", " + p.Time(u.disabled_at) + ", " +
                    p.Bool(u.publish_public) + ") ON CONFLICT DO NOTHING";
  WARROOM_ASSIGN_OR_RETURN(Rows r, conn_.Query(sql, p));
  if (r.Affected() == 0) return Error::AlreadyExists("a user '" + u.handle + "' already exists");
  return Success();
}

Outcome PgTx::SetUserDisabled(const std::string& handle, std::optional<TimePoint> at) {
  Params p;
  std::string sql =
      "UPDATE users SET disabled_at = " + p.Time(at) + "::bigint WHERE handle = " + p.Text(handle);
  WARROOM_ASSIGN_OR_RETURN(Rows r, conn_.Query(sql, p));
  if (r.Affected() == 0) return NoUser(handle);
  return Success();
}

Outcome PgTx::UpdateUserContact(const User& u) {
  Params p;
  std::string sql = "UPDATE users SET name = " + p.Text(u.name) + ", email = " + p.Text(u.email) +
                    ", chat_handle = " + p.Text(u.chat_handle) +
                    ", slack_member_id = " + p.Text(u.slack_member_id) +
                    ", phone = " + p.Text(u.phone) + " WHERE handle = " + p.Text(u.handle);
  WARROOM_ASSIGN_OR_RETURN(Rows r, conn_.Query(sql, p));
  if (r.Affected() == 0) return NoUser(u.handle);
  return Success();
}

Outcome PgTx::SetUserPermission(const std::string& handle, Permission perm) {
  Params p;
  std::string sql = "UPDATE users SET permission = " + p.Text(PermissionName(perm)) +
                    " WHERE handle = " + p.Text(handle);
  WARROOM_ASSIGN_OR_RETURN(Rows r, conn_.Query(sql, p));
  if (r.Affected() == 0) return NoUser(handle);
  return Success();
}

Outcome PgTx::SetUserPublishPublic(const std::string& handle, bool publish) {
  Params p;
  std::string sql =
      "UPDATE users SET publish_public = " + p.Bool(publish) + " WHERE handle = " + p.Text(handle);
  WARROOM_ASSIGN_OR_RETURN(Rows r, conn_.Query(sql, p));
  if (r.Affected() == 0) return NoUser(handle);
  return Success();
}

Result<std::optional<TokenGrant>> PgTx::FindTokenByDigest(const Hash& digest) {
  Params p;
  std::string sql =
      std::string("SELECT ") + kTokenColumns + ", " + kJoinedUserColumns +
      " FROM api_tokens t JOIN users u ON u.handle = t.handle WHERE t.digest = " + p.Bytes(digest);
  return OneRow(conn_, sql, p, [](const Row& r) {
    return TokenGrant{ReadToken(r), ReadUser(r, kTokenColumnCount)};
  });
}

Result<std::optional<ApiToken>> PgTx::FindToken(std::int64_t id) {
  Params p;
  std::string sql =
      std::string("SELECT ") + kTokenColumns + " FROM api_tokens t WHERE t.id = " + p.Int(id);
  return OneRow(conn_, sql, p, ReadToken);
}

Result<std::vector<ApiToken>> PgTx::ListTokens(const std::string& handle) {
  Params p;
  std::string h = p.Text(handle);
  std::string sql = std::string("SELECT ") + kTokenColumns + " FROM api_tokens t WHERE " + h +
                    "::text = '' OR t.handle = " + h + " ORDER BY t.id";
  return AllRows(conn_, sql, p, ReadToken);
}

Result<std::int64_t> PgTx::InsertToken(const Hash& digest, const ApiToken& t) {
  // Numbered 1, 2, ... as on SQLite (the writers' lock is held); an unknown
  // user or a stored digest inserts nothing, found without a constraint's
  // error.
  Params p;
  std::string sql =
      "INSERT INTO api_tokens (id, digest, handle, label, scope, created_at, expires_at) SELECT "
      "(SELECT coalesce(max(id), 0) + 1 FROM api_tokens), " +
      p.Bytes(digest) + ", handle, " + p.Text(t.label) + ", " + p.Text(ScopeName(t.scope)) + ", " +
      p.Time(t.created_at) + ", " + p.Time(t.expires_at) +
      "::bigint FROM users WHERE handle = " + p.Text(t.handle) +
      " ON CONFLICT DO NOTHING RETURNING id";
  WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query(sql, p));
  if (rows.empty())
    return Error::Conflict("no user '" + t.handle + "', or a token with this digest exists");
  return rows.Int(0, 0);
}

Outcome PgTx::RevokeToken(std::int64_t id, TimePoint at) {
  WARROOM_ASSIGN_OR_RETURN(auto t, FindToken(id));
  if (!t) return Error::NotFound("no token " + std::to_string(id));
  if (t->revoked_at)
    return Error::FailedPrecondition("token " + std::to_string(id) + " was already revoked at " +
                                     FormatTime(*t->revoked_at));
  Params p;
  std::string sql = "UPDATE api_tokens SET revoked_at = " + p.Time(at) + " WHERE id = " + p.Int(id);
  return conn_.Exec(sql, p);
}

Outcome PgTx::TouchTokens(const std::vector<std::int64_t>& ids, TimePoint at) {
  if (ids.empty()) return Success();
  std::string list = "{";
  for (std::int64_t id : ids) list += (list.size() > 1 ? "," : "") + std::to_string(id);
  list += "}";
  Params p;
  std::string sql = "UPDATE api_tokens SET last_used_at = " + p.Time(at) + " WHERE id = ANY(" +
                    p.Text(list) + "::bigint[])";
  return conn_.Exec(sql, p);
}

}  // namespace warroom::store::postgres
