// The outbox part of the SQLite adapter.
#include "store/sql_columns.hpp"
#include "store/sqlite/sqlite_tx.hpp"

namespace warroom::store::sqlite {
namespace {

using namespace sql_columns;

OutboxMessage ReadMessage(const Stmt& q) {
  OutboxMessage m;
  m.id = q.Int(0);
  m.incident_id = q.Text(1);
  m.cause_seq = q.Int(2);
  m.destination = q.Text(3);
  m.kind = ParseOutboxKind(q.Text(4)).value_or(OutboxKind::kMessage);
  auto audience = core::ParseAudience(q.Text(5));
  m.audience = audience.ok() ? audience.value() : core::Audience::kInternal;
  m.subject = q.Text(6);
  m.body = q.Text(7);
  m.idempotency_key = q.Text(8);
  m.retry_on_unknown = q.Int(9) != 0;
  // An unknown stored state is left alone by the dispatcher.
  m.state = ParseOutboxState(q.Text(10)).value_or(OutboxState::kUnknown);
  m.attempts = static_cast<int>(q.Int(11));
  m.next_attempt_at = FromMicros(q.Int(12));
  m.last_error = q.Text(13);
  m.created_at = FromMicros(q.Int(14));
  if (!q.IsNull(15)) m.finished_at = FromMicros(q.Int(15));
  m.recipient = q.Text(16);
  return m;
}

}  // namespace

Result<std::vector<OutboxMessage>> SqliteTx::ListOutbox(const OutboxFilter& f) {
  std::string sql = std::string("SELECT ") + kOutboxColumns + " FROM outbox WHERE 1=1";
  if (!f.states.empty()) {
    sql += " AND state IN (";
    for (std::size_t i = 0; i < f.states.size(); ++i)
      sql += std::string(i ? ", '" : "'") + std::string(OutboxStateName(f.states[i])) + "'";
    sql += ")";
  }
  if (!f.incident_id.empty()) sql += " AND incident_id = ?2";
  if (f.lane) sql += " AND lane = ?4";
  sql += " ORDER BY id DESC LIMIT ?3";
  Stmt q(conn_, sql);
  if (!f.incident_id.empty()) q.Bind(2, f.incident_id);
  q.Bind(3, std::int64_t(f.limit));
  if (f.lane) q.Bind(4, OutboxLaneName(*f.lane));
  return AllRows(q, ReadMessage);
}

Result<std::optional<OutboxMessage>> SqliteTx::FindOutbox(std::int64_t id) {
  Stmt q(conn_, std::string("SELECT ") + kOutboxColumns + " FROM outbox WHERE id = ?");
  q.Bind(1, id);
  return OneRow(q, ReadMessage);
}

Result<std::vector<OutboxAttempt>> SqliteTx::ListAttempts(std::int64_t message_id) {
  Stmt q(conn_,
         "SELECT message_id, attempt, started_at, finished_at, outcome, http_status, detail FROM "
         "outbox_attempts "
         "WHERE message_id = ? ORDER BY attempt");
  q.Bind(1, message_id);
  std::vector<OutboxAttempt> out;
  while (q.Step()) {
    out.push_back(OutboxAttempt{q.Int(0), static_cast<int>(q.Int(1)), FromMicros(q.Int(2)),
                                FromMicros(q.Int(3)),
                                ParseAttemptOutcome(q.Text(4)).value_or(AttemptOutcome::kUnknown),
                                static_cast<int>(q.Int(5)), q.Text(6)});
  }
  if (q.Failed()) return q.error();
  return out;
}

Outcome SqliteTx::InsertOutbox(const OutboxMessage& m) {
  Stmt q(conn_,
         "INSERT INTO outbox (incident_id, cause_seq, destination, kind, audience, subject, body, "
         "idempotency_key, "
         "retry_on_unknown, state, next_attempt_at, created_at, recipient, lane) VALUES (?, ?, ?, "
         "?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?) "
         "ON CONFLICT (idempotency_key) DO NOTHING");
  q.Bind(1, m.incident_id)
      .Bind(2, m.cause_seq)
      .Bind(3, m.destination)
      .Bind(4, OutboxKindName(m.kind))
      .Bind(5, core::AudienceName(m.audience))
      .Bind(6, m.subject)
      .Bind(7, m.body)
      .Bind(8, m.idempotency_key)
      .Bind(9, std::int64_t(m.retry_on_unknown ? 1 : 0))
      .Bind(10, ToMicros(m.next_attempt_at))
      .Bind(11, ToMicros(m.created_at))
      .Bind(12, m.recipient)
      .Bind(13, OutboxLaneName(LaneOf(m.kind)));
  return q.Exec();
}

Result<std::vector<OutboxMessage>> SqliteTx::ClaimOutbox(OutboxLane lane, TimePoint now,
                                                         TimePoint lease_until, int limit) {
  std::vector<OutboxMessage> out;
  {
    Stmt q(conn_, std::string("SELECT ") + kOutboxColumns +
                      " FROM outbox WHERE lane = ? AND state = 'pending' AND next_attempt_at <= ? "
                      "AND lease_until <= ? ORDER BY next_attempt_at, id LIMIT ?");
    q.Bind(1, OutboxLaneName(lane))
        .Bind(2, ToMicros(now))
        .Bind(3, ToMicros(now))
        .Bind(4, std::int64_t(limit));
    while (q.Step()) out.push_back(ReadMessage(q));
    if (q.Failed()) return q.error();
  }
  for (const auto& m : out) {
    Stmt u(conn_, "UPDATE outbox SET lease_until = ? WHERE id = ?");
    u.Bind(1, ToMicros(lease_until)).Bind(2, m.id);
    WARROOM_RETURN_IF_ERROR(u.Exec());
  }
  return out;
}

Outcome SqliteTx::FinishAttempt(const OutboxAttempt& a, OutboxState state,
                                TimePoint next_attempt_at, const std::string& last_error) {
  Stmt ins(conn_,
           "INSERT INTO outbox_attempts (message_id, attempt, started_at, finished_at, outcome, "
           "http_status, detail) "
           "VALUES (?, ?, ?, ?, ?, ?, ?)");
  ins.Bind(1, a.message_id)
      .Bind(2, std::int64_t(a.attempt))
      .Bind(3, ToMicros(a.started_at))
      .Bind(4, ToMicros(a.finished_at))
      .Bind(5, AttemptOutcomeName(a.outcome))
      .Bind(6, std::int64_t(a.http_status))
      .Bind(7, a.detail);
  WARROOM_RETURN_IF_ERROR(ins.Exec());
  Stmt u(conn_,
         "UPDATE outbox SET state = ?, attempts = ?, next_attempt_at = ?, lease_until = 0, "
         "last_error = ?, "
         "finished_at = CASE WHEN ? = 'pending' THEN NULL ELSE ? END WHERE id = ?");
  u.Bind(1, OutboxStateName(state))
      .Bind(2, std::int64_t(a.attempt))
      .Bind(3, ToMicros(next_attempt_at))
      .Bind(4, last_error)
      .Bind(5, OutboxStateName(state))
      .Bind(6, ToMicros(a.finished_at))
      .Bind(7, a.message_id);
  return u.Exec();
}

Outcome SqliteTx::ReleaseOutboxLeases() {
  Stmt u(conn_, "UPDATE outbox SET lease_until = 0 WHERE state = 'pending' AND lease_until > 0");
  return u.Exec();
}

Outcome SqliteTx::RetryOutbox(std::int64_t id, TimePoint now) {
  WARROOM_ASSIGN_OR_RETURN(auto m, FindOutbox(id));
  if (!m)
    return Error::NotFound("no outbox message " + std::to_string(id) +
                           " (see `warroom outbox list`)");
  if (m->state == OutboxState::kPending || m->state == OutboxState::kDelivered)
    return Error::FailedPrecondition("outbox message " + std::to_string(id) + " is " +
                                     std::string(OutboxStateName(m->state)) +
                                     ": only dead or unknown messages are retried by hand");
  Stmt u(conn_,
         "UPDATE outbox SET state = 'pending', next_attempt_at = ?, lease_until = 0, finished_at = "
         "NULL "
         "WHERE id = ?");
  u.Bind(1, ToMicros(now)).Bind(2, id);
  return u.Exec();
}

Result<std::optional<TimePoint>> SqliteTx::NextOutboxDue(OutboxLane lane) {
  Stmt q(conn_,
         "SELECT min(max(next_attempt_at, lease_until)) FROM outbox WHERE lane = ? AND state = "
         "'pending'");
  q.Bind(1, OutboxLaneName(lane));
  if (!q.Step()) return q.error();
  if (q.IsNull(0)) return std::optional<TimePoint>();
  return std::optional<TimePoint>(FromMicros(q.Int(0)));
}

}  // namespace warroom::store::sqlite
