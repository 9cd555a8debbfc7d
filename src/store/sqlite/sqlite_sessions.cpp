// Browser sessions, passwords, sign-in links and failed sign-ins in SQLite.
#include "store/sql_columns.hpp"
#include "store/sqlite/sqlite_tx.hpp"

namespace warroom::store::sqlite {
namespace {

using namespace sql_columns;

WebSession ReadSession(const Stmt& q) {
  WebSession s;
  s.id = q.Int(0);
  s.handle = q.Text(1);
  s.created_at = FromMicros(q.Int(2));
  s.last_seen_at = FromMicros(q.Int(3));
  s.expires_at = FromMicros(q.Int(4));
  if (!q.IsNull(5)) s.revoked_at = FromMicros(q.Int(5));
  s.client = q.Text(6);
  s.user_agent = q.Text(7);
  return s;
}

SignInLink ReadLink(const Stmt& q) {
  SignInLink l;
  l.handle = q.Text(0);
  l.created_at = FromMicros(q.Int(1));
  l.expires_at = FromMicros(q.Int(2));
  if (!q.IsNull(3)) l.used_at = FromMicros(q.Int(3));
  return l;
}

Error NoUser(const std::string& handle) { return Error::NotFound("no user '" + handle + "'"); }

}  // namespace

Result<std::optional<SessionGrant>> SqliteTx::FindSessionByDigest(const Hash& digest) {
  // Built once: the statement cache is keyed by the SQL text, and this runs
  // for every request a browser makes.
  static const std::string kSql =
      std::string("SELECT ") + kSessionColumns + ", " + kJoinedUserColumns +
      " FROM web_sessions s JOIN users u ON u.handle = s.handle WHERE s.digest = ?";
  Stmt q(conn_, kSql);
  q.BindBlob(1, digest.data(), digest.size());
  return OneRow(q, [](const Stmt& s) {
    return SessionGrant{ReadSession(s), ReadUser(s, kSessionColumnCount)};
  });
}

Result<std::vector<WebSession>> SqliteTx::ListSessions(const std::string& handle) {
  Stmt q(conn_, std::string("SELECT ") + kSessionColumns +
                    " FROM web_sessions s WHERE s.handle = ? ORDER BY s.id DESC");
  q.Bind(1, handle);
  return AllRows(q, ReadSession);
}

Result<std::string> SqliteTx::FindPasswordHash(const std::string& handle) {
  Stmt q(conn_, "SELECT password_hash FROM users WHERE handle = ?");
  q.Bind(1, handle);
  WARROOM_ASSIGN_OR_RETURN(auto h, OneRow(q, [](const Stmt& s) { return s.Text(0); }));
  if (!h) return NoUser(handle);
  return *h;
}

Result<std::optional<SignInFailures>> SqliteTx::FindSignInFailures(const std::string& key) {
  Stmt q(conn_, "SELECT failures, last_failed_at FROM sign_in_failures WHERE key = ?");
  q.Bind(1, key);
  return OneRow(q, [](const Stmt& s) { return SignInFailures{s.Int(0), FromMicros(s.Int(1))}; });
}

Result<std::optional<SignInLink>> SqliteTx::FindSignInLink(const Hash& digest) {
  Stmt q(conn_,
         std::string("SELECT ") + kSignInLinkColumns + " FROM sign_in_links WHERE digest = ?");
  q.BindBlob(1, digest.data(), digest.size());
  return OneRow(q, ReadLink);
}

Result<std::int64_t> SqliteTx::InsertSession(const Hash& digest, const WebSession& s) {
  Stmt q(conn_,
         "INSERT INTO web_sessions (digest, handle, created_at, last_seen_at, expires_at, client, "
         "user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.BindBlob(1, digest.data(), digest.size())
      .Bind(2, s.handle)
      .Bind(3, ToMicros(s.created_at))
      .Bind(4, ToMicros(s.last_seen_at))
      .Bind(5, ToMicros(s.expires_at))
      .Bind(6, s.client)
      .Bind(7, s.user_agent);
  WARROOM_RETURN_IF_ERROR(q.Exec());
  return sqlite3_last_insert_rowid(conn_.get());
}

Outcome SqliteTx::TouchSession(std::int64_t id, TimePoint at) {
  Stmt q(conn_, "UPDATE web_sessions SET last_seen_at = ? WHERE id = ?");
  q.Bind(1, ToMicros(at)).Bind(2, id);
  return q.Exec();
}

Outcome SqliteTx::RevokeSession(std::int64_t id, TimePoint at) {
  Stmt find(conn_, "SELECT revoked_at FROM web_sessions WHERE id = ?");
  find.Bind(1, id);
  WARROOM_ASSIGN_OR_RETURN(auto found, OneRow(find, [](const Stmt& s) {
                             return s.IsNull(0) ? std::optional<TimePoint>()
                                                : std::optional(FromMicros(s.Int(0)));
                           }));
  if (!found) return Error::NotFound("no session " + std::to_string(id));
  if (*found)
    return Error::FailedPrecondition("session " + std::to_string(id) + " was already ended at " +
                                     FormatTime(**found));
  Stmt q(conn_, "UPDATE web_sessions SET revoked_at = ? WHERE id = ?");
  q.Bind(1, ToMicros(at)).Bind(2, id);
  return q.Exec();
}

Result<std::int64_t> SqliteTx::RevokeSessions(const std::string& handle, TimePoint at) {
  Stmt q(conn_,
         "UPDATE web_sessions SET revoked_at = ?1 WHERE handle = ?2 AND revoked_at IS NULL AND "
         "expires_at > ?1");
  q.Bind(1, ToMicros(at)).Bind(2, handle);
  WARROOM_RETURN_IF_ERROR(q.Exec());
  return static_cast<std::int64_t>(sqlite3_changes(conn_.get()));
}

Result<std::int64_t> SqliteTx::ForgetSessions(TimePoint before) {
  Stmt s(conn_, "DELETE FROM web_sessions WHERE expires_at < ?1 OR revoked_at < ?1");
  s.Bind(1, ToMicros(before));
  WARROOM_RETURN_IF_ERROR(s.Exec());
  std::int64_t n = sqlite3_changes(conn_.get());
  Stmt l(conn_, "DELETE FROM sign_in_links WHERE expires_at < ?");
  l.Bind(1, ToMicros(before));
  WARROOM_RETURN_IF_ERROR(l.Exec());
  return n + sqlite3_changes(conn_.get());
}

Outcome SqliteTx::SetPasswordHash(const std::string& handle, const std::string& hash) {
  Stmt q(conn_, "UPDATE users SET password_hash = ? WHERE handle = ?");
  q.Bind(1, hash).Bind(2, handle);
  WARROOM_RETURN_IF_ERROR(q.Exec());
  if (sqlite3_changes(conn_.get()) == 0) return NoUser(handle);
  return Success();
}

Outcome SqliteTx::RecordSignInFailure(const std::string& key, TimePoint at,
                                      TimePoint reset_before) {
  Stmt q(conn_,
         "INSERT INTO sign_in_failures (key, failures, last_failed_at) VALUES (?1, 1, ?2) "
         "ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN last_failed_at < ?3 THEN 1 ELSE "
         "failures + 1 END, last_failed_at = ?2");
  q.Bind(1, key).Bind(2, ToMicros(at)).Bind(3, ToMicros(reset_before));
  return q.Exec();
}

Outcome SqliteTx::ClearSignInFailures(const std::string& key) {
  Stmt q(conn_, "DELETE FROM sign_in_failures WHERE key = ?");
  q.Bind(1, key);
  return q.Exec();
}

Outcome SqliteTx::InsertSignInLink(const Hash& digest, const SignInLink& link) {
  Stmt q(conn_,
         "INSERT INTO sign_in_links (digest, handle, created_at, expires_at) VALUES (?, ?, ?, ?)");
  q.BindBlob(1, digest.data(), digest.size())
      .Bind(2, link.handle)
      .Bind(3, ToMicros(link.created_at))
      .Bind(4, ToMicros(link.expires_at));
  return q.Exec();
}

Result<std::string> SqliteTx::UseSignInLink(const Hash& digest, TimePoint at) {
  WARROOM_ASSIGN_OR_RETURN(auto link, FindSignInLink(digest));
  if (!link) return Error::NotFound("no such sign-in link");
  if (link->used_at)
    return Error::FailedPrecondition("this sign-in link was used at " + FormatTime(*link->used_at));
  if (link->expires_at <= at)
    return Error::FailedPrecondition("this sign-in link expired at " +
                                     FormatTime(link->expires_at));
  Stmt q(conn_, "UPDATE sign_in_links SET used_at = ? WHERE digest = ? AND used_at IS NULL");
  q.Bind(1, ToMicros(at)).BindBlob(2, digest.data(), digest.size());
  WARROOM_RETURN_IF_ERROR(q.Exec());
  return link->handle;
}

}  // namespace warroom::store::sqlite
