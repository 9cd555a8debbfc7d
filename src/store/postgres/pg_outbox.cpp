// The outbox part of the PostgreSQL adapter.
#include <algorithm>

#include "store/postgres/pg_tx.hpp"
#include "store/sql_columns.hpp"

namespace warroom::store::postgres {
namespace {

using namespace sql_columns;

OutboxMessage ReadMessage(const Row& r) {
  OutboxMessage m;
  m.id = r.Int(0);
  m.incident_id = r.Text(1);
  m.cause_seq = r.Int(2);
  m.destination = r.Text(3);
  m.kind = ParseOutboxKind(r.Text(4)).value_or(OutboxKind::kMessage);
  auto audience = core::ParseAudience(r.Text(5));
  m.audience = audience.ok() ? audience.value() : core::Audience::kInternal;
  m.subject = r.Text(6);
  m.body = r.Text(7);
  m.idempotency_key = r.Text(8);
  m.retry_on_unknown = r.Bool(9);
  // An unknown stored state is left alone by the dispatcher.
  m.state = ParseOutboxState(r.Text(10)).value_or(OutboxState::kUnknown);
  m.attempts = static_cast<int>(r.Int(11));
  m.next_attempt_at = r.Time(12);
  m.last_error = r.Text(13);
  m.created_at = r.Time(14);
  m.finished_at = r.OptTime(15);
  m.recipient = r.Text(16);
  return m;
}

}  // namespace

Result<std::vector<OutboxMessage>> PgTx::ListOutbox(const OutboxFilter& f) {
  Params p;
  std::string sql = std::string("SELECT ") + kOutboxColumns + " FROM outbox WHERE true";
  if (!f.states.empty()) {
    sql += " AND state IN (";
    for (std::size_t i = 0; i < f.states.size(); ++i)
      sql += (i ? ", " : "") + p.Text(OutboxStateName(f.states[i]));
    sql += ")";
  }
  if (!f.incident_id.empty()) sql += " AND incident_id = " + p.Text(f.incident_id);
  if (f.lane) sql += " AND lane = " + p.Text(OutboxLaneName(*f.lane));
  sql += " ORDER BY id DESC LIMIT " + p.Int(f.limit);
  return AllRows(conn_, sql, p, ReadMessage);
}

Result<std::optional<OutboxMessage>> PgTx::FindOutbox(std::int64_t id) {
  Params p;
  std::string sql =
      std::string("SELECT ") + kOutboxColumns + " FROM outbox WHERE id = " + p.Int(id);
  return OneRow(conn_, sql, p, ReadMessage);
}

Result<std::vector<OutboxAttempt>> PgTx::ListAttempts(std::int64_t message_id) {
  Params p;
  std::string sql =
      "SELECT message_id, attempt, started_at, finished_at, outcome, http_status, detail FROM "
      "outbox_attempts WHERE message_id = " +
      p.Int(message_id) + " ORDER BY attempt";
  return AllRows(conn_, sql, p, [](const Row& r) {
    return OutboxAttempt{r.Int(0),
                         static_cast<int>(r.Int(1)),
                         r.Time(2),
                         r.Time(3),
                         ParseAttemptOutcome(r.Text(4)).value_or(AttemptOutcome::kUnknown),
                         static_cast<int>(r.Int(5)),
                         r.Text(6)};
  });
}

Outcome PgTx::InsertOutbox(const OutboxMessage& m) {
  // Numbered 1, 2, ... as on SQLite: the writers' lock is held. A repeated
  // idempotency key is ignored (the message exists).
  Params p;
  std::string sql =
      "INSERT INTO outbox (id, incident_id, cause_seq, destination, kind, audience, subject, "
      "body, idempotency_key, retry_on_unknown, state, next_attempt_at, created_at, recipient, "
      "lane) "
      "SELECT coalesce(max(id), 0) + 1, " +
      p.Text(m.incident_id) + ", " + p.Int(m.cause_seq) + ", " + p.Text(m.destination) + ", " +
      p.Text(OutboxKindName(m.kind)) + ", " + p.Text(core::AudienceName(m.audience)) + ", " +
      p.Text(m.subject) + ", " + p.Text(m.body) + ", " + p.Text(m.idempotency_key) + ", " +
      p.Bool(m.retry_on_unknown) + ", 'pending', " + p.Time(m.next_attempt_at) + ", " +
      p.Time(m.created_at) + ", " + p.Text(m.recipient) + ", " +
      p.Text(OutboxLaneName(LaneOf(m.kind))) +
      " FROM outbox ON CONFLICT (idempotency_key) DO NOTHING";
  return conn_.Exec(sql, p);
}

Result<std::vector<OutboxMessage>> PgTx::ClaimOutbox(OutboxLane lane, TimePoint now,
                                                     TimePoint lease_until, int limit) {
  // One statement: the due messages, leased. SKIP LOCKED lets a claim pass
  // rows another transaction holds rather than wait for it.
  Params p;
  std::string at = p.Time(now);
  std::string sql =
      "WITH due AS (SELECT id AS due_id FROM outbox WHERE lane = " + p.Text(OutboxLaneName(lane)) +
      " AND state = 'pending' AND next_attempt_at <= " + at + " AND lease_until <= " + at +
      " ORDER BY next_attempt_at, id LIMIT " + p.Int(limit) +
      " FOR UPDATE SKIP LOCKED) UPDATE outbox SET lease_until = " + p.Time(lease_until) +
      " FROM due WHERE id = due.due_id RETURNING " + kOutboxColumns;
  WARROOM_ASSIGN_OR_RETURN(auto out, AllRows(conn_, sql, p, ReadMessage));
  // UPDATE ... RETURNING answers in no particular order: earliest due
  // first, ties by id, as the port says.
  std::sort(out.begin(), out.end(), [](const OutboxMessage& x, const OutboxMessage& y) {
    return x.next_attempt_at != y.next_attempt_at ? x.next_attempt_at < y.next_attempt_at
                                                  : x.id < y.id;
  });
  return out;
}

Outcome PgTx::FinishAttempt(const OutboxAttempt& a, OutboxState state, TimePoint next_attempt_at,
                            const std::string& last_error) {
  // kConflict for an unknown message or an attempt recorded before, found
  // without a constraint's error.
  Params p;
  std::string ins =
      "INSERT INTO outbox_attempts (message_id, attempt, started_at, finished_at, outcome, "
      "http_status, detail) SELECT " +
      p.Int(a.message_id) + ", " + p.Int(a.attempt) + ", " + p.Time(a.started_at) + ", " +
      p.Time(a.finished_at) + ", " + p.Text(AttemptOutcomeName(a.outcome)) + ", " +
      p.Int(a.http_status) + ", " + p.Text(a.detail) +
      " WHERE EXISTS (SELECT 1 FROM outbox WHERE id = $1) ON CONFLICT DO NOTHING";
  WARROOM_ASSIGN_OR_RETURN(Rows added, conn_.Query(ins, p));
  if (added.Affected() == 0)
    return Error::Conflict("outbox message " + std::to_string(a.message_id) +
                           " is unknown or its attempt " + std::to_string(a.attempt) +
                           " was recorded before");
  Params q;
  std::string st = q.Text(OutboxStateName(state));
  std::string sql = "UPDATE outbox SET state = " + st + ", attempts = " + q.Int(a.attempt) +
                    ", next_attempt_at = " + q.Time(next_attempt_at) +
                    ", lease_until = 0, last_error = " + q.Text(last_error) +
                    ", finished_at = CASE WHEN " + st + "::text = 'pending' THEN NULL ELSE " +
                    q.Time(a.finished_at) + "::bigint END WHERE id = " + q.Int(a.message_id);
  return conn_.Exec(sql, q);
}

Outcome PgTx::ReleaseOutboxLeases() {
  return conn_.Exec(
      "UPDATE outbox SET lease_until = 0 WHERE state = 'pending' AND lease_until > 0");
}

Outcome PgTx::RetryOutbox(std::int64_t id, TimePoint now) {
  WARROOM_ASSIGN_OR_RETURN(auto m, FindOutbox(id));
  if (!m)
    return Error::NotFound("no outbox message " + std::to_string(id) +
                           " (see `warroom outbox list`)");
  if (m->state == OutboxState::kPending || m->state == OutboxState::kDelivered)
    return Error::FailedPrecondition("outbox message " + std::to_string(id) + " is " +
                                     std::string(OutboxStateName(m->state)) +
                                     ": only dead or unknown messages are retried by hand");
  Params p;
  std::string sql = "UPDATE outbox SET state = 'pending', next_attempt_at = " + p.Time(now) +
                    ", lease_until = 0, finished_at = NULL WHERE id = " + p.Int(id);
  return conn_.Exec(sql, p);
}

Result<std::optional<TimePoint>> PgTx::NextOutboxDue(OutboxLane lane) {
  Params p;
  std::string sql = "SELECT min(greatest(next_attempt_at, lease_until)) FROM outbox WHERE lane = " +
                    p.Text(OutboxLaneName(lane)) + " AND state = 'pending'";
  WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query(sql, p));
  if (rows.empty() || rows.IsNull(0, 0)) return std::optional<TimePoint>();
  return std::optional<TimePoint>(FromMicros(rows.Int(0, 0)));
}

}  // namespace warroom::store::postgres
