// The event log, incidents, checkpoints and policies of the PostgreSQL
// adapter.
#include "store/postgres/pg_tx.hpp"
#include "store/sql_columns.hpp"

#include <cstdio>
#include <limits>

#include "base/text.hpp"
#include "base/time.hpp"
#include "store/event_chain.hpp"
#include "store/incident_rows.hpp"

namespace warroom::store::postgres {
namespace {

using namespace sql_columns;

StoredEvent ReadEvent(const Row& r) {
  StoredEvent e;
  e.global_seq = r.Int(0);
  e.incident_id = r.Text(1);
  e.incident_seq = r.Int(2);
  e.occurred_at = r.Time(3);
  e.recorded_at = r.Time(4);
  e.actor_kind = r.Text(5);
  e.actor_id = r.Text(6);
  e.type = r.Text(7);
  e.payload = r.Text(8);
  r.Bytes(9, e.prev_hash);
  r.Bytes(10, e.hash);
  return e;
}

// A chain head, (incident_seq, hash), from columns `seq` and `seq + 1`.
std::pair<std::int64_t, Hash> ReadHead(const Row& r, int seq) {
  std::pair<std::int64_t, Hash> head{r.Int(seq), Hash{}};
  r.Bytes(seq + 1, head.second);
  return head;
}

Checkpoint ReadCheckpoint(const Row& r) {
  Checkpoint c;
  c.id = r.Int(0);
  c.global_seq = r.Int(1);
  c.created_at = r.Time(2);
  r.Bytes(3, c.heads_digest);
  r.Bytes(4, c.public_key);
  r.Bytes(5, c.signature);
  return c;
}

}  // namespace

Result<std::vector<StoredEvent>> PgTx::LoadEventsAfter(const std::string& incident_id,
                                                       std::int64_t after_seq) {
  if (auto read = after_.find({incident_id, after_seq}); read != after_.end()) return read->second;
  Params p;
  std::string sql = std::string("SELECT ") + kEventColumns +
                    " FROM events WHERE incident_id = " + p.Text(incident_id) +
                    " AND incident_seq > " + p.Int(after_seq) + " ORDER BY incident_seq";
  return AllRows(conn_, sql, p, ReadEvent);
}

Result<std::vector<StoredEvent>> PgTx::LoadLogAfter(std::int64_t after_global_seq, int limit) {
  Params p;
  std::string sql = std::string("SELECT ") + kEventColumns + " FROM events WHERE global_seq > " +
                    p.Int(after_global_seq) + " ORDER BY global_seq LIMIT " + p.Int(limit);
  return AllRows(conn_, sql, p, ReadEvent);
}

Result<std::vector<StoredEvent>> LoadAllEvents(Connection& c) {
  return AllRows(c, std::string("SELECT ") + kEventColumns + " FROM events ORDER BY global_seq",
                 Params(), ReadEvent);
}

Result<std::vector<IncidentRow>> PgTx::ListIncidents(const IncidentFilter& f) {
  Params p;
  std::string sql =
      "SELECT id, severity, status, is_open, summary, visibility, participants, declared_at, "
      "updated_at, last_seq, frozen, freeze_reason, freeze_since FROM incidents WHERE true";
  if (f.frozen) sql += *f.frozen ? " AND frozen" : " AND NOT frozen";
  if (f.open) sql += " AND is_open = " + p.Bool(*f.open);
  if (f.severity) sql += " AND severity = " + p.Text(core::SeverityName(*f.severity));
  if (f.status) sql += " AND status = " + p.Text(core::StatusName(*f.status));
  if (!f.text.empty()) {
    // ASCII letters in any case, as SQLite's LIKE matches them.
    std::string like = p.Text(LikePattern(f.text));
    sql += " AND (summary ILIKE " + like + " OR id ILIKE " + like + ")";
  }
  if (!f.viewer_is_admin && !f.ignore_visibility)
    sql += " AND (visibility = 'public' OR strpos(participants, " + p.Text("," + f.viewer + ",") +
           ") > 0)";
  sql += " ORDER BY declared_at DESC, declared_order DESC";
  // A negative limit: all.
  if (f.limit >= 0) sql += " LIMIT " + p.Int(f.limit);
  sql += " OFFSET " + p.Int(f.offset);
  std::vector<IncidentRow> out;
  WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query(sql, p));
  for (int i = 0; i < rows.size(); ++i) {
    Row r(rows, i);
    IncidentRow row;
    row.id = r.Text(0);
    WARROOM_ASSIGN_OR_RETURN(row.severity, core::ParseSeverity(r.Text(1)));
    WARROOM_ASSIGN_OR_RETURN(row.status, core::ParseStatus(r.Text(2)));
    row.open = r.Bool(3);
    row.summary = r.Text(4);
    WARROOM_ASSIGN_OR_RETURN(row.visibility, core::ParseVisibility(r.Text(5)));
    row.participants = SplitParticipants(r.Text(6));
    row.declared_at = r.Time(7);
    row.updated_at = r.Time(8);
    row.last_seq = r.Int(9);
    row.frozen = r.Bool(10);
    row.freeze_reason = r.Text(11);
    row.freeze_since = r.Time(12);
    out.push_back(std::move(row));
  }
  return out;
}

Result<std::string> PgTx::NextIncidentId(TimePoint declared_at) {
  std::string day = FormatDate(declared_at);
  Params p;
  std::string sql = "INSERT INTO incident_counters (day, last) VALUES (" + p.Text(day) +
                    ", 1) ON CONFLICT (day) DO UPDATE SET last = incident_counters.last + 1 "
                    "RETURNING last";
  WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query(sql, p));
  if (rows.empty()) return Error::Internal("the day's incident counter returned no row");
  return FormatIncidentId(day, rows.Int(0, 0));
}

Result<StoredEvent> PgTx::Append(const NewEvent& ne, std::int64_t expected_seq) {
  auto known = heads_.find(ne.incident_id);
  if (known == heads_.end() || !last_global_) {
    // The chain's head and the log's last number in one round trip. The
    // writers' lock (kWriterLock) is held: no other instance appends meanwhile.
    Params p;
    std::string head =
        "SELECT coalesce((SELECT incident_seq FROM chain_heads WHERE incident_id = " +
        p.Text(ne.incident_id) +
        "), 0), (SELECT hash FROM chain_heads WHERE incident_id = $1), "
        "coalesce((SELECT max(global_seq) FROM events), 0)";
    WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query(head, p));
    if (rows.empty()) return Error::Internal("the chain head query returned no row");
    Row r(rows, 0);
    std::optional<std::pair<std::int64_t, Hash>> found;
    if (!r.IsNull(1)) {
      found.emplace(r.Int(0), Hash{});
      r.Bytes(1, found->second);
    }
    known = heads_.insert_or_assign(ne.incident_id, found).first;
    last_global_ = r.Int(2);
  }
  std::int64_t last = known->second ? known->second->first : 0;
  if (last != expected_seq) return StaleAppend(ne.incident_id, last, expected_seq);
  Hash prev = known->second ? known->second->second : Hash{};
  StoredEvent e = ChainedEvent(ne, *last_global_ + 1, last + 1, prev);
  Params q;
  std::string ins = std::string("WITH ev AS (INSERT INTO events (") + kEventColumns + ") VALUES (" +
                    q.Int(e.global_seq) + ", " + q.Text(e.incident_id) + ", " +
                    q.Int(e.incident_seq) + ", " + q.Time(e.occurred_at) + ", " +
                    q.Time(e.recorded_at) + ", " + q.Text(e.actor_kind) + ", " +
                    q.Text(e.actor_id) + ", " + q.Text(e.type) + ", " +
                    q.Bytes(e.payload.data(), e.payload.size()) + ", " + q.Bytes(e.prev_hash) +
                    ", " + q.Bytes(e.hash) +
                    ")) INSERT INTO chain_heads (incident_id, incident_seq, hash) VALUES ($2, $3, "
                    "$11) ON CONFLICT (incident_id) DO UPDATE SET incident_seq = "
                    "excluded.incident_seq, hash = excluded.hash";
  Outcome written = conn_.Exec(ins, q);
  if (!written.ok()) {
    Forget();
    return written.error();
  }
  known->second.emplace(e.incident_seq, e.hash);
  last_global_ = e.global_seq;
  for (auto it = after_.lower_bound({e.incident_id, std::numeric_limits<std::int64_t>::min()});
       it != after_.end() && it->first.first == e.incident_id;)
    it = after_.erase(it);
  return e;
}

Outcome PgTx::UpsertIncident(const IncidentRow& r) {
  Params p;
  std::string sql =
      "INSERT INTO incidents (id, severity, status, is_open, summary, visibility, participants, "
      "declared_at, updated_at, last_seq, frozen, freeze_reason, freeze_since) VALUES (" +
      p.Text(r.id) + ", " + p.Text(core::SeverityName(r.severity)) + ", " +
      p.Text(core::StatusName(r.status)) + ", " + p.Bool(r.open) + ", " + p.Text(r.summary) + ", " +
      p.Text(core::VisibilityName(r.visibility)) + ", " + p.Text(JoinParticipants(r.participants)) +
      ", " + p.Time(r.declared_at) + ", " + p.Time(r.updated_at) + ", " + p.Int(r.last_seq) + ", " +
      p.Bool(r.frozen) + ", " + p.Text(r.freeze_reason) + ", " + p.Time(r.freeze_since) +
      ") ON CONFLICT (id) DO UPDATE SET severity = excluded.severity, status = excluded.status, "
      "is_open = excluded.is_open, summary = excluded.summary, visibility = excluded.visibility, "
      "participants = excluded.participants, updated_at = excluded.updated_at, last_seq = "
      "excluded.last_seq, frozen = excluded.frozen, freeze_reason = excluded.freeze_reason, "
      "freeze_since = excluded.freeze_since";
  return conn_.Exec(sql, p);
}

Result<std::optional<std::pair<std::int64_t, Hash>>> PgTx::ChainHead(
    const std::string& incident_id) {
  if (auto known = heads_.find(incident_id); known != heads_.end()) return known->second;
  Params p;
  std::string sql =
      "SELECT incident_seq, hash FROM chain_heads WHERE incident_id = " + p.Text(incident_id);
  WARROOM_ASSIGN_OR_RETURN(auto head,
                           OneRow(conn_, sql, p, [](const Row& r) { return ReadHead(r, 0); }));
  heads_.insert_or_assign(incident_id, head);
  return head;
}

Outcome PgTx::ReadHeads(const std::vector<std::pair<std::string, std::int64_t>>& incidents) {
  std::string ids = "[";
  for (const auto& [id, known] : incidents) {
    if (ids.size() > 1) ids += ',';
    AppendJsonString(ids, id);
  }
  ids += ']';
  Params p;
  // The log's last number too (the row without an incident), which the
  // batch's first append needs.
  std::string sql =
      "SELECT incident_id, incident_seq, hash FROM chain_heads WHERE incident_id = "
      "ANY(ARRAY(SELECT jsonb_array_elements_text(" +
      p.Text(ids) +
      "::jsonb))) UNION ALL SELECT NULL, coalesce(max(global_seq), 0), NULL FROM events";
  WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query(sql, p));
  // An id without a head has no events: remembered as such.
  for (const auto& [id, known] : incidents) heads_.try_emplace(id, std::nullopt);
  for (int i = 0; i < rows.size(); ++i) {
    Row r(rows, i);
    if (r.IsNull(0)) {
      last_global_ = r.Int(1);
      continue;
    }
    heads_.insert_or_assign(r.Text(0), ReadHead(r, 1));
  }
  // The states held behind their heads (another instance appended since).
  std::string behind = "[";
  for (const auto& [id, known] : incidents) {
    auto head = heads_.find(id);
    if (known <= 0 || head == heads_.end() || !head->second || head->second->first <= known ||
        after_.count({id, known}))
      continue;
    if (behind.size() > 1) behind += ',';
    behind += "{\"id\":";
    AppendJsonString(behind, id);
    behind += ",\"after\":" + std::to_string(known) + "}";
    after_[{id, known}];  // none found is an answer too
  }
  if (behind.size() == 1) return Success();  // none behind its head
  behind += ']';
  Params q;
  // Per incident through its (incident_id, incident_seq) index: a join
  // would let the planner scan the whole log.
  std::string events = std::string("SELECT ") + kEventColumns +
                       ", v.after FROM jsonb_to_recordset(" + q.Text(behind) +
                       "::jsonb) AS v(id text, after bigint) CROSS JOIN LATERAL (SELECT * FROM "
                       "events WHERE events.incident_id = v.id AND events.incident_seq > v.after "
                       "ORDER BY events.incident_seq) e";
  WARROOM_ASSIGN_OR_RETURN(Rows found, conn_.Query(events, q));
  for (int i = 0; i < found.size(); ++i) {
    Row r(found, i);
    StoredEvent e = ReadEvent(r);
    after_[{e.incident_id, r.Int(11) /* v.after, after the 11 event columns */}].push_back(
        std::move(e));
  }
  return Success();
}

Result<std::int64_t> PgTx::LastGlobalSeq() {
  WARROOM_ASSIGN_OR_RETURN(Rows rows,
                           conn_.Query("SELECT coalesce(max(global_seq), 0) FROM events"));
  return rows.Int(0, 0);
}

Result<ChainHeads> PgTx::LoadChainHeads() {
  WARROOM_ASSIGN_OR_RETURN(Rows rows,
                           conn_.Query("SELECT incident_id, incident_seq, hash FROM chain_heads"));
  ChainHeads heads;
  for (int i = 0; i < rows.size(); ++i) {
    Row r(rows, i);
    heads[r.Text(0)] = ReadHead(r, 1);
  }
  return heads;
}

Result<std::optional<Checkpoint>> PgTx::LastCheckpoint() {
  return OneRow(
      conn_,
      std::string("SELECT ") + kCheckpointColumns + " FROM checkpoints ORDER BY id DESC LIMIT 1",
      Params(), ReadCheckpoint);
}

Outcome PgTx::InsertCheckpoint(const Checkpoint& c) {
  // Numbered 1, 2, ... as on SQLite: the writers' lock is held.
  Params p;
  std::string sql =
      "INSERT INTO checkpoints (id, global_seq, created_at, heads_digest, public_key, signature) "
      "SELECT coalesce(max(id), 0) + 1, " +
      p.Int(c.global_seq) + ", " + p.Time(c.created_at) + ", " + p.Bytes(c.heads_digest) + ", " +
      p.Bytes(c.public_key) + ", " + p.Bytes(c.signature) + " FROM checkpoints";
  return conn_.Exec(sql, p);
}

Result<std::vector<Checkpoint>> LoadCheckpoints(Connection& c) {
  return AllRows(c, std::string("SELECT ") + kCheckpointColumns + " FROM checkpoints ORDER BY id",
                 Params(), ReadCheckpoint);
}

Result<std::vector<std::pair<std::string, std::string>>> PgTx::LoadPolicies() {
  return AllRows(conn_, "SELECT version, yaml FROM policies ORDER BY recorded_at, recorded_order",
                 Params(), [](const Row& r) {
                   return std::pair{r.Text(0), r.Text(1)};
                 });
}

Outcome PgTx::RecordPolicy(const std::string& version, const std::string& yaml, TimePoint at) {
  Params p;
  std::string sql = "INSERT INTO policies (version, yaml, recorded_at) VALUES (" + p.Text(version) +
                    ", " + p.Text(yaml) + ", " + p.Time(at) + ") ON CONFLICT (version) DO NOTHING";
  WARROOM_ASSIGN_OR_RETURN(Rows ins, conn_.Query(sql, p));
  if (ins.Affected() > 0) return Success();
  Params q;
  WARROOM_ASSIGN_OR_RETURN(
      Rows had, conn_.Query("SELECT yaml FROM policies WHERE version = " + q.Text(version), q));
  if (!had.empty() && had.Text(0, 0) == yaml) return Success();
  return Error::AlreadyExists(
      "policy version '" + version +
      "' was recorded earlier with different content: give the changed policy a new version");
}

}  // namespace warroom::store::postgres
