// Browser sessions, passwords, sign-in links and failed sign-ins in
// PostgreSQL. As everywhere in this adapter, no statement fails for an
// expected reason: unknown users and taken digests are found by ON CONFLICT
// and row counts.
#include "store/postgres/pg_tx.hpp"
#include "store/sql_columns.hpp"

namespace warroom::store::postgres {
namespace {

using namespace sql_columns;

WebSession ReadSession(const Row& r) {
  WebSession s;
  s.id = r.Int(0);
  s.handle = r.Text(1);
  s.created_at = r.Time(2);
  s.last_seen_at = r.Time(3);
  s.expires_at = r.Time(4);
  s.revoked_at = r.OptTime(5);
  s.client = r.Text(6);
  s.user_agent = r.Text(7);
  return s;
}

SignInLink ReadLink(const Row& r) {
  SignInLink l;
  l.handle = r.Text(0);
  l.created_at = r.Time(1);
  l.expires_at = r.Time(2);
  l.used_at = r.OptTime(3);
  return l;
}

Error NoUser(const std::string& handle) { return Error::NotFound("no user '" + handle + "'"); }

}  // namespace

Result<std::optional<SessionGrant>> PgTx::FindSessionByDigest(const Hash& digest) {
  Params p;
  std::string sql = std::string("SELECT ") + kSessionColumns + ", " + kJoinedUserColumns +
                    " FROM web_sessions s JOIN users u ON u.handle = s.handle WHERE s.digest = " +
                    p.Bytes(digest);
  return OneRow(conn_, sql, p, [](const Row& r) {
    return SessionGrant{ReadSession(r), ReadUser(r, kSessionColumnCount)};
  });
}

Result<std::vector<WebSession>> PgTx::ListSessions(const std::string& handle) {
  Params p;
  std::string sql = std::string("SELECT ") + kSessionColumns +
                    " FROM web_sessions s WHERE s.handle = " + p.Text(handle) +
                    " ORDER BY s.id DESC";
  return AllRows(conn_, sql, p, ReadSession);
}

Result<std::string> PgTx::FindPasswordHash(const std::string& handle) {
  Params p;
  std::string sql = "SELECT password_hash FROM users WHERE handle = " + p.Text(handle);
  WARROOM_ASSIGN_OR_RETURN(auto h, OneRow(conn_, sql, p, [](const Row& r) { return r.Text(0); }));
  if (!h) return NoUser(handle);
  return *h;
}

Result<std::optional<SignInFailures>> PgTx::FindSignInFailures(const std::string& key) {
  Params p;
  std::string sql =
      "SELECT failures, last_failed_at FROM sign_in_failures WHERE key = " + p.Text(key);
  return OneRow(conn_, sql, p, [](const Row& r) { return SignInFailures{r.Int(0), r.Time(1)}; });
}

Result<std::optional<SignInLink>> PgTx::FindSignInLink(const Hash& digest) {
  Params p;
  std::string sql = std::string("SELECT ") + kSignInLinkColumns +
                    " FROM sign_in_links WHERE digest = " + p.Bytes(digest);
  return OneRow(conn_, sql, p, ReadLink);
}

Result<std::int64_t> PgTx::InsertSession(const Hash& digest, const WebSession& s) {
  // Numbered 1, 2, ... as on SQLite (the writers' lock is held).
  Params p;
  std::string sql =
      "INSERT INTO web_sessions (id, digest, handle, created_at, last_seen_at, expires_at, "
      "client, user_agent) SELECT (SELECT coalesce(max(id), 0) + 1 FROM web_sessions), " +
      p.Bytes(digest) + ", handle, " + p.Time(s.created_at) + ", " + p.Time(s.last_seen_at) + ", " +
      p.Time(s.expires_at) + ", " + p.Text(s.client) + ", " + p.Text(s.user_agent) +
      " FROM users WHERE handle = " + p.Text(s.handle) + " ON CONFLICT DO NOTHING RETURNING id";
  WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query(sql, p));
  if (rows.empty())
    return Error::Conflict("no user '" + s.handle + "', or a session with this digest exists");
  return rows.Int(0, 0);
}

Outcome PgTx::TouchSession(std::int64_t id, TimePoint at) {
  Params p;
  std::string sql =
      "UPDATE web_sessions SET last_seen_at = " + p.Time(at) + " WHERE id = " + p.Int(id);
  return conn_.Exec(sql, p);
}

Outcome PgTx::RevokeSession(std::int64_t id, TimePoint at) {
  Params f;
  std::string find = "SELECT revoked_at FROM web_sessions WHERE id = " + f.Int(id);
  WARROOM_ASSIGN_OR_RETURN(auto found,
                           OneRow(conn_, find, f, [](const Row& r) { return r.OptTime(0); }));
  if (!found) return Error::NotFound("no session " + std::to_string(id));
  if (*found)
    return Error::FailedPrecondition("session " + std::to_string(id) + " was already ended at " +
                                     FormatTime(**found));
  Params p;
  std::string sql =
      "UPDATE web_sessions SET revoked_at = " + p.Time(at) + " WHERE id = " + p.Int(id);
  return conn_.Exec(sql, p);
}

Result<std::int64_t> PgTx::RevokeSessions(const std::string& handle, TimePoint at) {
  Params p;
  std::string t = p.Time(at);
  std::string sql = "UPDATE web_sessions SET revoked_at = " + t +
                    " WHERE handle = " + p.Text(handle) +
                    " AND revoked_at IS NULL AND expires_at > " + t;
  WARROOM_ASSIGN_OR_RETURN(Rows r, conn_.Query(sql, p));
  return r.Affected();
}

Result<std::int64_t> PgTx::ForgetSessions(TimePoint before) {
  Params p;
  std::string t = p.Time(before);
  WARROOM_ASSIGN_OR_RETURN(
      Rows s,
      conn_.Query("DELETE FROM web_sessions WHERE expires_at < " + t + " OR revoked_at < " + t, p));
  Params q;
  WARROOM_ASSIGN_OR_RETURN(
      Rows l, conn_.Query("DELETE FROM sign_in_links WHERE expires_at < " + q.Time(before), q));
  return s.Affected() + l.Affected();
}

Outcome PgTx::SetPasswordHash(const std::string& handle, const std::string& hash) {
  Params p;
  std::string sql =
      "UPDATE users SET password_hash = " + p.Text(hash) + " WHERE handle = " + p.Text(handle);
  WARROOM_ASSIGN_OR_RETURN(Rows r, conn_.Query(sql, p));
  if (r.Affected() == 0) return NoUser(handle);
  return Success();
}

Outcome PgTx::RecordSignInFailure(const std::string& key, TimePoint at, TimePoint reset_before) {
  Params p;
  std::string t = p.Time(at);
  std::string sql =
      "INSERT INTO sign_in_failures (key, failures, last_failed_at) VALUES (" + p.Text(key) +
      ", 1, " + t +
      ") ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN sign_in_failures.last_failed_at < " +
      p.Time(reset_before) +
      " THEN 1 ELSE sign_in_failures.failures + 1 END, last_failed_at = " + t;
  return conn_.Exec(sql, p);
}

Outcome PgTx::ClearSignInFailures(const std::string& key) {
  Params p;
  return conn_.Exec("DELETE FROM sign_in_failures WHERE key = " + p.Text(key), p);
}

Outcome PgTx::InsertSignInLink(const Hash& digest, const SignInLink& link) {
  Params p;
  std::string sql = "INSERT INTO sign_in_links (digest, handle, created_at, expires_at) SELECT " +
                    p.Bytes(digest) + ", handle, " + p.Time(link.created_at) + ", " +
                    p.Time(link.expires_at) + " FROM users WHERE handle = " + p.Text(link.handle) +
                    " ON CONFLICT DO NOTHING";
  WARROOM_ASSIGN_OR_RETURN(Rows r, conn_.Query(sql, p));
  if (r.Affected() == 0)
    return Error::Conflict("no user '" + link.handle + "', or a link with this digest exists");
  return Success();
}

Result<std::string> PgTx::UseSignInLink(const Hash& digest, TimePoint at) {
  // One statement takes it, so two instances cannot both use one link.
  Params p;
  std::string t = p.Time(at);
  std::string sql = "UPDATE sign_in_links SET used_at = " + t +
                    " WHERE digest = " + p.Bytes(digest) +
                    " AND used_at IS NULL AND expires_at > " + t + " RETURNING handle";
  WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query(sql, p));
  if (!rows.empty()) return rows.Text(0, 0);
  WARROOM_ASSIGN_OR_RETURN(auto link, FindSignInLink(digest));
  if (!link) return Error::NotFound("no such sign-in link");
  if (link->used_at)
    return Error::FailedPrecondition("this sign-in link was used at " + FormatTime(*link->used_at));
  return Error::FailedPrecondition("this sign-in link expired at " + FormatTime(link->expires_at));
}

}  // namespace warroom::store::postgres
