#include "store/sqlite/sqlite_tx.hpp"
#include "store/sql_columns.hpp"

#include <cstring>

#include "base/time.hpp"
#include "store/event_chain.hpp"
#include "store/incident_rows.hpp"

namespace warroom::store::sqlite {
namespace {

using namespace sql_columns;

void CopyHash(const std::string& bytes, Hash& h) {
  h.fill(0);
  std::memcpy(h.data(), bytes.data(), std::min(bytes.size(), h.size()));
}

StoredEvent ReadEvent(const Stmt& q) {
  StoredEvent e;
  e.global_seq = q.Int(0);
  e.incident_id = q.Text(1);
  e.incident_seq = q.Int(2);
  e.occurred_at = FromMicros(q.Int(3));
  e.recorded_at = FromMicros(q.Int(4));
  e.actor_kind = q.Text(5);
  e.actor_id = q.Text(6);
  e.type = q.Text(7);
  e.payload = q.Text(8);
  CopyHash(q.Text(9), e.prev_hash);
  CopyHash(q.Text(10), e.hash);
  return e;
}

}  // namespace

Result<std::vector<StoredEvent>> SqliteTx::LoadEventsAfter(const std::string& incident_id,
                                                           std::int64_t after_seq) {
  Stmt q(conn_, std::string("SELECT ") + kEventColumns +
                    " FROM events WHERE incident_id = ?1 AND incident_seq > ?2 ORDER BY "
                    "incident_seq");
  q.Bind(1, incident_id).Bind(2, after_seq);
  return AllRows(q, ReadEvent);
}

Result<std::vector<StoredEvent>> SqliteTx::LoadLogAfter(std::int64_t after_global_seq, int limit) {
  Stmt q(conn_, std::string("SELECT ") + kEventColumns +
                    " FROM events WHERE global_seq > ?1 ORDER BY global_seq LIMIT ?2");
  q.Bind(1, after_global_seq).Bind(2, static_cast<std::int64_t>(limit));
  return AllRows(q, ReadEvent);
}

Result<std::vector<StoredEvent>> LoadAllEvents(sqlite3* db) {
  Stmt q(db, std::string("SELECT ") + kEventColumns + " FROM events ORDER BY global_seq");
  return AllRows(q, ReadEvent);
}

Result<std::vector<IncidentRow>> SqliteTx::ListIncidents(const IncidentFilter& f) {
  std::string sql =
      "SELECT id, severity, status, is_open, summary, visibility, participants, declared_at, "
      "updated_at, last_seq, frozen, freeze_reason, freeze_since FROM incidents WHERE 1=1";
  if (f.frozen) sql += *f.frozen ? " AND frozen = 1" : " AND frozen = 0";
  if (f.open) sql += " AND is_open = ?1";
  if (f.severity) sql += " AND severity = ?2";
  if (f.status) sql += " AND status = ?3";
  if (!f.text.empty()) sql += " AND (summary LIKE ?4 ESCAPE '\\' OR id LIKE ?4 ESCAPE '\\')";
  bool check_visibility = !f.viewer_is_admin && !f.ignore_visibility;
  if (check_visibility) sql += " AND (visibility = 'public' OR instr(participants, ?5) > 0)";
  // rowid breaks ties in declaration order (ids sort as text: "-1000" < "-999").
  sql += " ORDER BY declared_at DESC, rowid DESC LIMIT ?6 OFFSET ?7";
  Stmt q(conn_, sql);
  if (f.open) q.Bind(1, std::int64_t(*f.open ? 1 : 0));
  if (f.severity) q.Bind(2, core::SeverityName(*f.severity));
  if (f.status) q.Bind(3, core::StatusName(*f.status));
  if (!f.text.empty()) q.Bind(4, LikePattern(f.text));
  if (check_visibility) q.Bind(5, "," + f.viewer + ",");
  q.Bind(6, std::int64_t(f.limit)).Bind(7, std::int64_t(f.offset));
  std::vector<IncidentRow> out;
  while (q.Step()) {
    IncidentRow r;
    r.id = q.Text(0);
    WARROOM_ASSIGN_OR_RETURN(r.severity, core::ParseSeverity(q.Text(1)));
    WARROOM_ASSIGN_OR_RETURN(r.status, core::ParseStatus(q.Text(2)));
    r.open = q.Int(3) != 0;
    r.summary = q.Text(4);
    WARROOM_ASSIGN_OR_RETURN(r.visibility, core::ParseVisibility(q.Text(5)));
    r.declared_at = FromMicros(q.Int(7));
    r.updated_at = FromMicros(q.Int(8));
    r.last_seq = q.Int(9);
    r.frozen = q.Int(10) != 0;
    r.freeze_reason = q.Text(11);
    r.freeze_since = FromMicros(q.Int(12));
    r.participants = SplitParticipants(q.Text(6));
    out.push_back(std::move(r));
  }
  if (q.Failed()) return q.error();
  return out;
}

Result<std::string> SqliteTx::NextIncidentId(TimePoint declared_at) {
  std::string day = FormatDate(declared_at);
  Stmt up(conn_,
          "INSERT INTO incident_counters (day, last) VALUES (?, 1) "
          "ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last");
  up.Bind(1, day);
  if (!up.Step()) return up.error();
  std::int64_t n = up.Int(0);
  while (up.Step()) {
  }
  return FormatIncidentId(day, n);
}

Result<StoredEvent> SqliteTx::Append(const NewEvent& ne, std::int64_t expected_seq) {
  std::int64_t last = 0;
  Hash prev{};
  {
    Stmt head(conn_, "SELECT incident_seq, hash FROM chain_heads WHERE incident_id = ?");
    head.Bind(1, ne.incident_id);
    if (head.Step()) {
      last = head.Int(0);
      CopyHash(head.Text(1), prev);
    } else if (head.Failed()) {
      return head.error();
    }
    if (last != expected_seq) return StaleAppend(ne.incident_id, last, expected_seq);
  }
  std::int64_t global_seq = 0;
  {
    Stmt g(conn_, "SELECT coalesce(max(global_seq), 0) FROM events");
    if (!g.Step()) return g.error();
    global_seq = g.Int(0) + 1;
  }
  StoredEvent e = ChainedEvent(ne, global_seq, last + 1, prev);
  // Built once (the statement cache is keyed by the SQL text): every append.
  static const std::string kInsert = std::string("INSERT INTO events (") + kEventColumns +
                                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  Stmt ins(conn_, kInsert);
  ins.Bind(1, e.global_seq)
      .Bind(2, e.incident_id)
      .Bind(3, e.incident_seq)
      .Bind(4, ToMicros(e.occurred_at))
      .Bind(5, ToMicros(e.recorded_at))
      .Bind(6, e.actor_kind)
      .Bind(7, e.actor_id)
      .Bind(8, e.type)
      .BindBlob(9, e.payload.data(), e.payload.size())
      .BindBlob(10, e.prev_hash.data(), e.prev_hash.size())
      .BindBlob(11, e.hash.data(), e.hash.size());
  WARROOM_RETURN_IF_ERROR(ins.Exec());
  Stmt head(
      conn_,
      "INSERT INTO chain_heads (incident_id, incident_seq, hash) VALUES (?, ?, ?) ON CONFLICT "
      "(incident_id) DO UPDATE SET incident_seq = excluded.incident_seq, hash = excluded.hash");
  head.Bind(1, e.incident_id).Bind(2, e.incident_seq).BindBlob(3, e.hash.data(), e.hash.size());
  WARROOM_RETURN_IF_ERROR(head.Exec());
  return e;
}

Outcome SqliteTx::UpsertIncident(const IncidentRow& r) {
  Stmt q(conn_,
         "INSERT INTO incidents (id, severity, status, is_open, summary, visibility, participants, "
         "declared_at, updated_at, last_seq, frozen, freeze_reason, freeze_since) VALUES (?, ?, ?, "
         "?, ?, ?, ?, ?, "
         "?, ?, ?, ?, ?) "
         "ON CONFLICT (id) DO UPDATE SET severity = excluded.severity, status = excluded.status, "
         "is_open = excluded.is_open, summary = excluded.summary, visibility = "
         "excluded.visibility, participants = excluded.participants, updated_at = "
         "excluded.updated_at, last_seq = excluded.last_seq, frozen = excluded.frozen, "
         "freeze_reason = "
         "excluded.freeze_reason, freeze_since = excluded.freeze_since");
  q.Bind(1, r.id)
      .Bind(2, core::SeverityName(r.severity))
      .Bind(3, core::StatusName(r.status))
      .Bind(4, std::int64_t(r.open ? 1 : 0))
      .Bind(5, r.summary)
      .Bind(6, core::VisibilityName(r.visibility))
      .Bind(7, JoinParticipants(r.participants))
      .Bind(8, ToMicros(r.declared_at))
      .Bind(9, ToMicros(r.updated_at))
      .Bind(10, r.last_seq)
      .Bind(11, std::int64_t(r.frozen ? 1 : 0))
      .Bind(12, r.freeze_reason)
      .Bind(13, ToMicros(r.freeze_since));
  return q.Exec();
}

namespace {

template <std::size_t N>
void CopyBytes(const std::string& bytes, std::array<unsigned char, N>& out) {
  out.fill(0);
  std::memcpy(out.data(), bytes.data(), std::min(bytes.size(), N));
}

Checkpoint ReadCheckpoint(const Stmt& q) {
  Checkpoint c;
  c.id = q.Int(0);
  c.global_seq = q.Int(1);
  c.created_at = FromMicros(q.Int(2));
  CopyBytes(q.Text(3), c.heads_digest);
  CopyBytes(q.Text(4), c.public_key);
  CopyBytes(q.Text(5), c.signature);
  return c;
}

}  // namespace

Result<std::optional<std::pair<std::int64_t, Hash>>> SqliteTx::ChainHead(
    const std::string& incident_id) {
  Stmt q(conn_, "SELECT incident_seq, hash FROM chain_heads WHERE incident_id = ?");
  q.Bind(1, incident_id);
  if (q.Step()) {
    Hash h;
    CopyHash(q.Text(1), h);
    return std::optional<std::pair<std::int64_t, Hash>>(std::pair{q.Int(0), h});
  }
  if (q.Failed()) return q.error();
  return std::optional<std::pair<std::int64_t, Hash>>();
}

Result<std::int64_t> SqliteTx::LastGlobalSeq() {
  Stmt g(conn_, "SELECT coalesce(max(global_seq), 0) FROM events");
  if (!g.Step()) return g.error();
  return g.Int(0);
}

Result<ChainHeads> SqliteTx::LoadChainHeads() {
  Stmt q(conn_, "SELECT incident_id, incident_seq, hash FROM chain_heads");
  ChainHeads heads;
  while (q.Step()) {
    Hash h;
    CopyHash(q.Text(2), h);
    heads[q.Text(0)] = {q.Int(1), h};
  }
  if (q.Failed()) return q.error();
  return heads;
}

Result<std::optional<Checkpoint>> SqliteTx::LastCheckpoint() {
  Stmt q(conn_, std::string("SELECT ") + kCheckpointColumns +
                    " FROM checkpoints ORDER BY id DESC LIMIT 1");
  return OneRow(q, ReadCheckpoint);
}

Outcome SqliteTx::InsertCheckpoint(const Checkpoint& c) {
  Stmt q(conn_,
         "INSERT INTO checkpoints (global_seq, created_at, heads_digest, public_key, signature) "
         "VALUES (?, ?, ?, ?, "
         "?)");
  q.Bind(1, c.global_seq)
      .Bind(2, ToMicros(c.created_at))
      .BindBlob(3, c.heads_digest.data(), c.heads_digest.size())
      .BindBlob(4, c.public_key.data(), c.public_key.size())
      .BindBlob(5, c.signature.data(), c.signature.size());
  return q.Exec();
}

Result<std::vector<Checkpoint>> LoadCheckpoints(sqlite3* db) {
  Stmt q(db, std::string("SELECT ") + kCheckpointColumns + " FROM checkpoints ORDER BY id");
  return AllRows(q, ReadCheckpoint);
}

Result<std::vector<std::pair<std::string, std::string>>> SqliteTx::LoadPolicies() {
  Stmt q(conn_, "SELECT version, yaml FROM policies ORDER BY recorded_at");
  std::vector<std::pair<std::string, std::string>> out;
  while (q.Step()) out.emplace_back(q.Text(0), q.Text(1));
  if (q.Failed()) return q.error();
  return out;
}

Outcome SqliteTx::RecordPolicy(const std::string& version, const std::string& yaml, TimePoint at) {
  Stmt q(conn_, "SELECT yaml FROM policies WHERE version = ?");
  q.Bind(1, version);
  if (q.Step()) {
    if (q.Text(0) == yaml) return Success();
    return Error::AlreadyExists(
        "policy version '" + version +
        "' was recorded earlier with different content: give the changed policy a "
        "new version");
  }
  if (q.Failed()) return q.error();
  Stmt ins(conn_, "INSERT INTO policies (version, yaml, recorded_at) VALUES (?, ?, ?)");
  ins.Bind(1, version).Bind(2, yaml).Bind(3, ToMicros(at));
  return ins.Exec();
}

}  // namespace warroom::store::sqlite
