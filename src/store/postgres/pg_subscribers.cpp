// The status page's subscribers, their tokens and the subscription
// requests counted per client, in PostgreSQL. As everywhere in this
// adapter, no statement fails for an expected reason: taken addresses and
// digests, unknown subscribers and used tokens are found by ON CONFLICT,
// row counts and reads.
#include "base/text.hpp"
#include "store/postgres/pg_tx.hpp"
#include "store/sql_columns.hpp"
#include "store/subscriber_rows.hpp"

namespace warroom::store::postgres {
namespace {

using namespace sql_columns;

Subscriber ReadSubscriber(const Row& r) {
  Subscriber s;
  s.id = r.Int(0);
  s.channel = ParseSubscriberChannel(r.Text(1)).value_or(SubscriberChannel::kEmail);
  s.address = r.Text(2);
  s.components = SplitComponents(r.Text(3));
  // An unknown stored state (a newer version's) is one nothing is sent to.
  s.state = ParseSubscriberState(r.Text(4)).value_or(SubscriberState::kUnsubscribed);
  s.created_at = r.Time(5);
  s.confirmed_at = r.OptTime(6);
  s.unsubscribed_at = r.OptTime(7);
  s.confirmation_requested_at = r.OptTime(8);
  s.client = r.Text(9);
  return s;
}

SubscriberToken ReadToken(const Row& r) {
  SubscriberToken t;
  t.subscriber_id = r.Int(0);
  t.purpose = ParseSubscriberTokenPurpose(r.Text(1)).value_or(SubscriberTokenPurpose::kConfirm);
  t.created_at = r.Time(2);
  t.expires_at = r.Time(3);
  t.used_at = r.OptTime(4);
  return t;
}

Error NoSubscriber(std::int64_t id) {
  return Error::NotFound("no subscriber " + std::to_string(id));
}

}  // namespace

Result<std::vector<Subscriber>> PgTx::ListSubscribers(const SubscriberFilter& f) {
  Params p;
  std::string sql = std::string("SELECT ") + kSubscriberColumns +
                    " FROM status_page_subscribers WHERE id > " + p.Int(f.after_id);
  if (f.state) sql += " AND state = " + p.Text(SubscriberStateName(*f.state));
  if (f.channel) sql += " AND channel = " + p.Text(SubscriberChannelName(*f.channel));
  sql += " ORDER BY id LIMIT " + p.Int(f.limit);
  return AllRows(conn_, sql, p, ReadSubscriber);
}

Result<std::optional<Subscriber>> PgTx::FindSubscriber(std::int64_t id) {
  Params p;
  std::string sql = std::string("SELECT ") + kSubscriberColumns +
                    " FROM status_page_subscribers WHERE id = " + p.Int(id);
  return OneRow(conn_, sql, p, ReadSubscriber);
}

Result<std::optional<Subscriber>> PgTx::FindSubscriberByAddress(SubscriberChannel channel,
                                                                const std::string& address) {
  Params p;
  std::string sql =
      std::string("SELECT ") + kSubscriberColumns +
      " FROM status_page_subscribers WHERE channel = " + p.Text(SubscriberChannelName(channel)) +
      " AND address = " + p.Text(address);
  return OneRow(conn_, sql, p, ReadSubscriber);
}

Result<std::int64_t> PgTx::CountSubscribers(SubscriberState state) {
  Params p;
  std::string sql = "SELECT count(*) FROM status_page_subscribers WHERE state = " +
                    p.Text(SubscriberStateName(state));
  WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query(sql, p));
  return rows.Int(0, 0);
}

Result<std::optional<SubscriberToken>> PgTx::FindSubscriberToken(const Hash& digest) {
  Params p;
  std::string sql = std::string("SELECT ") + kSubscriberTokenColumns +
                    " FROM status_page_subscriber_tokens WHERE digest = " + p.Bytes(digest);
  return OneRow(conn_, sql, p, ReadToken);
}

Result<std::int64_t> PgTx::InsertSubscriber(const Subscriber& s) {
  WARROOM_RETURN_IF_ERROR(CheckComponents(s.components));
  // Numbered 1, 2, ... as on SQLite (the writers' lock is held).
  Params p;
  std::string sql =
      "INSERT INTO status_page_subscribers (id, channel, address, components, state, "
      "created_at, confirmed_at, unsubscribed_at, confirmation_requested_at, client) VALUES "
      "((SELECT coalesce(max(id), 0) + 1 FROM status_page_subscribers), " +
      p.Text(SubscriberChannelName(s.channel)) + ", " + p.Text(s.address) + ", " +
      p.Text(JoinComponents(s.components)) + ", " + p.Text(SubscriberStateName(s.state)) + ", " +
      p.Time(s.created_at) + ", " + p.Time(s.confirmed_at) + ", " + p.Time(s.unsubscribed_at) +
      ", " + p.Time(s.confirmation_requested_at) + ", " + p.Text(s.client) +
      ") ON CONFLICT DO NOTHING RETURNING id";
  WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query(sql, p));
  if (rows.empty())
    return Error::Conflict("a subscriber with the " +
                           std::string(SubscriberChannelName(s.channel)) + " address '" +
                           Shown(s.address) + "' exists");
  return rows.Int(0, 0);
}

Outcome PgTx::UpdateSubscriber(const Subscriber& s) {
  WARROOM_RETURN_IF_ERROR(CheckComponents(s.components));
  Params p;
  std::string sql =
      "UPDATE status_page_subscribers SET components = " + p.Text(JoinComponents(s.components)) +
      ", state = " + p.Text(SubscriberStateName(s.state)) +
      ", confirmed_at = " + p.Time(s.confirmed_at) +
      ", unsubscribed_at = " + p.Time(s.unsubscribed_at) +
      ", confirmation_requested_at = " + p.Time(s.confirmation_requested_at) +
      ", client = " + p.Text(s.client) + " WHERE id = " + p.Int(s.id);
  WARROOM_ASSIGN_OR_RETURN(Rows r, conn_.Query(sql, p));
  if (r.Affected() == 0) return NoSubscriber(s.id);
  return Success();
}

Outcome PgTx::DeleteSubscriber(std::int64_t id) {
  // Its tokens go by the foreign key's ON DELETE CASCADE.
  Params p;
  WARROOM_ASSIGN_OR_RETURN(
      Rows r, conn_.Query("DELETE FROM status_page_subscribers WHERE id = " + p.Int(id), p));
  if (r.Affected() == 0) return NoSubscriber(id);
  return Success();
}

Outcome PgTx::InsertSubscriberToken(const Hash& digest, const SubscriberToken& t) {
  Params p;
  std::string sql =
      "INSERT INTO status_page_subscriber_tokens (digest, subscriber_id, purpose, created_at, "
      "expires_at) SELECT " +
      p.Bytes(digest) + ", id, " + p.Text(SubscriberTokenPurposeName(t.purpose)) + ", " +
      p.Time(t.created_at) + "::bigint, " + p.Time(t.expires_at) +
      "::bigint FROM status_page_subscribers WHERE id = " + p.Int(t.subscriber_id) +
      " ON CONFLICT DO NOTHING";
  WARROOM_ASSIGN_OR_RETURN(Rows r, conn_.Query(sql, p));
  if (r.Affected() == 0)
    return Error::Conflict("no subscriber " + std::to_string(t.subscriber_id) +
                           ", or a token with this digest exists");
  return Success();
}

Result<SubscriberToken> PgTx::UseSubscriberToken(const Hash& digest, SubscriberTokenPurpose purpose,
                                                 TimePoint at) {
  // One statement takes it, so two instances cannot both use one token:
  // the second one's UPDATE waits for the first's row lock, then finds it
  // used.
  Params p;
  std::string t = p.Time(at);
  std::string sql = "UPDATE status_page_subscriber_tokens SET used_at = " + t +
                    " WHERE digest = " + p.Bytes(digest) +
                    " AND purpose = " + p.Text(SubscriberTokenPurposeName(purpose)) +
                    " AND used_at IS NULL AND expires_at > " + t + " RETURNING " +
                    kSubscriberTokenColumns;
  WARROOM_ASSIGN_OR_RETURN(auto used, OneRow(conn_, sql, p, ReadToken));
  if (used) return *used;
  WARROOM_ASSIGN_OR_RETURN(auto found, FindSubscriberToken(digest));
  if (!found || found->purpose != purpose) return Error::NotFound("no such subscriber token");
  if (found->used_at)
    return Error::FailedPrecondition("this link was used at " + FormatTime(*found->used_at));
  return Error::FailedPrecondition("this link expired at " + FormatTime(found->expires_at));
}

Result<std::int64_t> PgTx::ForgetSubscriberTokens(TimePoint before) {
  Params p;
  WARROOM_ASSIGN_OR_RETURN(
      Rows r,
      conn_.Query("DELETE FROM status_page_subscriber_tokens WHERE expires_at < " + p.Time(before),
                  p));
  return r.Affected();
}

Result<std::int64_t> PgTx::CountSubscribeRequest(const std::string& key, TimePoint at,
                                                 TimePoint since) {
  // Three statements, the first two sent without waiting (pipeline mode):
  // a data-modifying CTE's rows are not seen by its own statement's count.
  Params ins;
  std::string add = "INSERT INTO subscribe_requests (key, at) VALUES (" + ins.Text(key) + ", " +
                    ins.Time(at) + ")";
  WARROOM_RETURN_IF_ERROR(conn_.Exec(add, ins));
  Params old;
  std::string forget = "DELETE FROM subscribe_requests WHERE key = " + old.Text(key) +
                       " AND at < " + old.Time(since);
  WARROOM_RETURN_IF_ERROR(conn_.Exec(forget, old));
  Params n;
  WARROOM_ASSIGN_OR_RETURN(
      Rows rows,
      conn_.Query("SELECT count(*) FROM subscribe_requests WHERE key = " + n.Text(key), n));
  return rows.Int(0, 0);
}

}  // namespace warroom::store::postgres
