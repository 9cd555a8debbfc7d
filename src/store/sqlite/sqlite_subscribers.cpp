// The status page's subscribers, their tokens and the subscription
// requests counted per client, in SQLite.
#include "base/text.hpp"
#include "store/sql_columns.hpp"
#include "store/sqlite/sqlite_tx.hpp"
#include "store/subscriber_rows.hpp"

namespace warroom::store::sqlite {
namespace {

using namespace sql_columns;

std::optional<TimePoint> OptTime(const Stmt& q, int col) {
  if (q.IsNull(col)) return std::nullopt;
  return FromMicros(q.Int(col));
}

Subscriber ReadSubscriber(const Stmt& q) {
  Subscriber s;
  s.id = q.Int(0);
  s.channel = ParseSubscriberChannel(q.Text(1)).value_or(SubscriberChannel::kEmail);
  s.address = q.Text(2);
  s.components = SplitComponents(q.Text(3));
  // An unknown stored state (a newer version's) is one nothing is sent to.
  s.state = ParseSubscriberState(q.Text(4)).value_or(SubscriberState::kUnsubscribed);
  s.created_at = FromMicros(q.Int(5));
  s.confirmed_at = OptTime(q, 6);
  s.unsubscribed_at = OptTime(q, 7);
  s.confirmation_requested_at = OptTime(q, 8);
  s.client = q.Text(9);
  return s;
}

SubscriberToken ReadToken(const Stmt& q) {
  SubscriberToken t;
  t.subscriber_id = q.Int(0);
  t.purpose = ParseSubscriberTokenPurpose(q.Text(1)).value_or(SubscriberTokenPurpose::kConfirm);
  t.created_at = FromMicros(q.Int(2));
  t.expires_at = FromMicros(q.Int(3));
  t.used_at = OptTime(q, 4);
  return t;
}

Error NoSubscriber(std::int64_t id) {
  return Error::NotFound("no subscriber " + std::to_string(id));
}

}  // namespace

Result<std::vector<Subscriber>> SqliteTx::ListSubscribers(const SubscriberFilter& f) {
  std::string sql =
      std::string("SELECT ") + kSubscriberColumns + " FROM status_page_subscribers WHERE id > ?1";
  if (f.state) sql += " AND state = ?2";
  if (f.channel) sql += " AND channel = ?3";
  sql += " ORDER BY id LIMIT ?4";
  Stmt q(conn_, sql);
  q.Bind(1, f.after_id).Bind(4, std::int64_t(f.limit));
  if (f.state) q.Bind(2, SubscriberStateName(*f.state));
  if (f.channel) q.Bind(3, SubscriberChannelName(*f.channel));
  return AllRows(q, ReadSubscriber);
}

Result<std::optional<Subscriber>> SqliteTx::FindSubscriber(std::int64_t id) {
  Stmt q(conn_, std::string("SELECT ") + kSubscriberColumns +
                    " FROM status_page_subscribers WHERE id = ?");
  q.Bind(1, id);
  return OneRow(q, ReadSubscriber);
}

Result<std::optional<Subscriber>> SqliteTx::FindSubscriberByAddress(SubscriberChannel channel,
                                                                    const std::string& address) {
  Stmt q(conn_, std::string("SELECT ") + kSubscriberColumns +
                    " FROM status_page_subscribers WHERE channel = ? AND address = ?");
  q.Bind(1, SubscriberChannelName(channel)).Bind(2, address);
  return OneRow(q, ReadSubscriber);
}

Result<std::int64_t> SqliteTx::CountSubscribers(SubscriberState state) {
  Stmt q(conn_, "SELECT count(*) FROM status_page_subscribers WHERE state = ?");
  q.Bind(1, SubscriberStateName(state));
  if (!q.Step()) return q.error();
  return q.Int(0);
}

Result<std::optional<SubscriberToken>> SqliteTx::FindSubscriberToken(const Hash& digest) {
  Stmt q(conn_, std::string("SELECT ") + kSubscriberTokenColumns +
                    " FROM status_page_subscriber_tokens WHERE digest = ?");
  q.BindBlob(1, digest.data(), digest.size());
  return OneRow(q, ReadToken);
}

Result<std::int64_t> SqliteTx::InsertSubscriber(const Subscriber& s) {
  WARROOM_RETURN_IF_ERROR(CheckComponents(s.components));
  Stmt q(conn_,
         "INSERT INTO status_page_subscribers (channel, address, components, state, created_at, "
         "confirmed_at, unsubscribed_at, confirmation_requested_at, client) VALUES (?, ?, ?, ?, "
         "?, ?, ?, ?, ?)");
  q.Bind(1, SubscriberChannelName(s.channel))
      .Bind(2, s.address)
      .Bind(3, JoinComponents(s.components))
      .Bind(4, SubscriberStateName(s.state))
      .Bind(5, ToMicros(s.created_at));
  BindTime(q, 6, s.confirmed_at);
  BindTime(q, 7, s.unsubscribed_at);
  BindTime(q, 8, s.confirmation_requested_at);
  q.Bind(9, s.client);
  auto r = q.Exec();
  if (!r.ok() && r.error().code == ErrorCode::kConflict)
    return Error::Conflict("a subscriber with the " +
                           std::string(SubscriberChannelName(s.channel)) + " address '" +
                           Shown(s.address) + "' exists");
  WARROOM_RETURN_IF_ERROR(r);
  return sqlite3_last_insert_rowid(conn_.get());
}

Outcome SqliteTx::UpdateSubscriber(const Subscriber& s) {
  WARROOM_RETURN_IF_ERROR(CheckComponents(s.components));
  Stmt q(conn_,
         "UPDATE status_page_subscribers SET components = ?, state = ?, confirmed_at = ?, "
         "unsubscribed_at = ?, confirmation_requested_at = ?, client = ? WHERE id = ?");
  q.Bind(1, JoinComponents(s.components)).Bind(2, SubscriberStateName(s.state));
  BindTime(q, 3, s.confirmed_at);
  BindTime(q, 4, s.unsubscribed_at);
  BindTime(q, 5, s.confirmation_requested_at);
  q.Bind(6, s.client).Bind(7, s.id);
  WARROOM_RETURN_IF_ERROR(q.Exec());
  if (sqlite3_changes(conn_.get()) == 0) return NoSubscriber(s.id);
  return Success();
}

Outcome SqliteTx::DeleteSubscriber(std::int64_t id) {
  // Its tokens go by the foreign key's ON DELETE CASCADE.
  Stmt q(conn_, "DELETE FROM status_page_subscribers WHERE id = ?");
  q.Bind(1, id);
  WARROOM_RETURN_IF_ERROR(q.Exec());
  if (sqlite3_changes(conn_.get()) == 0) return NoSubscriber(id);
  return Success();
}

Outcome SqliteTx::InsertSubscriberToken(const Hash& digest, const SubscriberToken& t) {
  // An unknown subscriber fails the foreign key, a taken digest the
  // primary key: both kConflict.
  Stmt q(conn_,
         "INSERT INTO status_page_subscriber_tokens (digest, subscriber_id, purpose, created_at, "
         "expires_at) VALUES (?, ?, ?, ?, ?)");
  q.BindBlob(1, digest.data(), digest.size())
      .Bind(2, t.subscriber_id)
      .Bind(3, SubscriberTokenPurposeName(t.purpose))
      .Bind(4, ToMicros(t.created_at))
      .Bind(5, ToMicros(t.expires_at));
  return q.Exec();
}

Result<SubscriberToken> SqliteTx::UseSubscriberToken(const Hash& digest,
                                                     SubscriberTokenPurpose purpose, TimePoint at) {
  // One statement takes it, as on PostgreSQL: only a token still good at
  // `at` is marked, so a second use finds it used whoever ran first.
  Stmt q(conn_, std::string("UPDATE status_page_subscriber_tokens SET used_at = ?1 WHERE "
                            "digest = ?2 AND purpose = ?3 AND used_at IS NULL AND expires_at > "
                            "?1 RETURNING ") +
                    kSubscriberTokenColumns);
  q.Bind(1, ToMicros(at))
      .BindBlob(2, digest.data(), digest.size())
      .Bind(3, SubscriberTokenPurposeName(purpose));
  WARROOM_ASSIGN_OR_RETURN(auto used, OneRow(q, ReadToken));
  if (used) return *used;
  WARROOM_ASSIGN_OR_RETURN(auto t, FindSubscriberToken(digest));
  if (!t || t->purpose != purpose) return Error::NotFound("no such subscriber token");
  if (t->used_at)
    return Error::FailedPrecondition("this link was used at " + FormatTime(*t->used_at));
  return Error::FailedPrecondition("this link expired at " + FormatTime(t->expires_at));
}

Result<std::int64_t> SqliteTx::ForgetSubscriberTokens(TimePoint before) {
  Stmt q(conn_, "DELETE FROM status_page_subscriber_tokens WHERE expires_at < ?");
  q.Bind(1, ToMicros(before));
  WARROOM_RETURN_IF_ERROR(q.Exec());
  return static_cast<std::int64_t>(sqlite3_changes(conn_.get()));
}

Result<std::int64_t> SqliteTx::CountSubscribeRequest(const std::string& key, TimePoint at,
                                                     TimePoint since) {
  Stmt ins(conn_, "INSERT INTO subscribe_requests (key, at) VALUES (?, ?)");
  ins.Bind(1, key).Bind(2, ToMicros(at));
  WARROOM_RETURN_IF_ERROR(ins.Exec());
  Stmt old(conn_, "DELETE FROM subscribe_requests WHERE key = ? AND at < ?");
  old.Bind(1, key).Bind(2, ToMicros(since));
  WARROOM_RETURN_IF_ERROR(old.Exec());
  Stmt n(conn_, "SELECT count(*) FROM subscribe_requests WHERE key = ?");
  n.Bind(1, key);
  if (!n.Step()) return n.error();
  return n.Int(0);
}

}  // namespace warroom::store::sqlite
