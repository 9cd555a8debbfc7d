// The integrations and alerts part of the SQLite adapter.
#include <algorithm>

#include "store/alert_repeat.hpp"
#include "store/sql_columns.hpp"
#include "store/sqlite/sqlite_tx.hpp"

namespace warroom::store::sqlite {
namespace {

using namespace sql_columns;

using core::AlertStatus;

Integration ReadIntegration(const Stmt& q) {
  Integration i;
  i.name = q.Text(0);
  i.type = core::ParseSender(q.Text(1)).value_or(core::Sender::kGeneric);
  i.enabled = q.Int(2) != 0;
  i.created_at = FromMicros(q.Int(3));
  if (!q.IsNull(4)) i.rotated_at = FromMicros(q.Int(4));
  if (!q.IsNull(5)) i.last_report_at = FromMicros(q.Int(5));
  i.reports = q.Int(6);
  return i;
}

AlertRecord ReadAlert(const Stmt& q) {
  AlertRecord a;
  a.id = q.Int(0);
  a.integration = q.Text(1);
  a.alert_key = q.Text(2);
  a.starts_at = FromMicros(q.Int(3));
  a.status = core::ParseAlertStatus(q.Text(4)).value_or(core::AlertStatus::kFiring);
  a.group_key = q.Text(5);
  a.summary = q.Text(6);
  a.labels = q.Text(7);
  a.annotations = q.Text(8);
  a.source_url = q.Text(9);
  a.first_seen = FromMicros(q.Int(10));
  a.last_seen = FromMicros(q.Int(11));
  if (!q.IsNull(12)) a.ends_at = FromMicros(q.Int(12));
  a.fire_count = static_cast<int>(q.Int(13));
  a.incident_id = q.Text(14);
  a.disposition = core::ParseDisposition(q.Text(15)).value_or(core::Disposition::kTriage);
  a.route = q.Text(16);
  a.triaged_by = q.Text(17);
  if (!q.IsNull(18)) a.triaged_at = FromMicros(q.Int(18));
  a.triage_note = q.Text(19);
  return a;
}

}  // namespace

Result<std::optional<Integration>> SqliteTx::FindIntegrationByDigest(const Hash& digest) {
  // Built once: the statement cache is keyed by the SQL text, and this runs
  // for every ingest request.
  static const std::string kSql = std::string("SELECT ") + kIntegrationColumns +
                                  " FROM integrations WHERE key_digest = ? AND enabled = 1";
  Stmt q(conn_, kSql);
  q.BindBlob(1, digest.data(), digest.size());
  return OneRow(q, ReadIntegration);
}

Result<std::vector<Integration>> SqliteTx::ListIntegrations() {
  Stmt q(conn_, std::string("SELECT ") + kIntegrationColumns + " FROM integrations ORDER BY name");
  return AllRows(q, ReadIntegration);
}

Result<std::vector<AlertRecord>> SqliteTx::ListAlerts(const AlertFilter& f) {
  std::string sql = std::string("SELECT ") + kAlertColumns + " FROM alerts WHERE 1=1";
  if (f.status) sql += " AND status = ?1";
  if (!f.integration.empty()) sql += " AND integration = ?2";
  if (!f.incident_id.empty()) sql += " AND incident_id = ?4";
  if (f.disposition) sql += " AND disposition = ?5";
  if (!f.group_key.empty()) sql += " AND group_key = ?6";
  sql += " ORDER BY last_seen DESC, id DESC LIMIT ?3";
  Stmt q(conn_, sql);
  if (f.status) q.Bind(1, core::AlertStatusName(*f.status));
  if (!f.integration.empty()) q.Bind(2, f.integration);
  q.Bind(3, std::int64_t(f.limit));
  if (!f.incident_id.empty()) q.Bind(4, f.incident_id);
  if (f.disposition) q.Bind(5, core::DispositionName(*f.disposition));
  if (!f.group_key.empty()) q.Bind(6, f.group_key);
  return AllRows(q, ReadAlert);
}

Result<std::optional<TimePoint>> SqliteTx::OpenAlertStart(const std::string& integration,
                                                          const std::string& key) {
  Stmt q(conn_,
         "SELECT starts_at FROM alerts WHERE integration = ? AND alert_key = ? AND status IN "
         "('firing', "
         "'acknowledged') ORDER BY starts_at DESC LIMIT 1");
  q.Bind(1, integration).Bind(2, key);
  return OneRow(q, [](const Stmt& r) { return FromMicros(r.Int(0)); });
}

Outcome SqliteTx::InsertIntegration(const Integration& i, const Hash& key_digest) {
  Stmt q(conn_,
         "INSERT INTO integrations (name, type, key_digest, enabled, created_at) VALUES (?, ?, ?, "
         "1, ?)");
  q.Bind(1, i.name)
      .Bind(2, core::SenderName(i.type))
      .BindBlob(3, key_digest.data(), key_digest.size())
      .Bind(4, ToMicros(i.created_at));
  auto r = q.Exec();
  if (!r.ok() && r.error().code == ErrorCode::kConflict)
    return Error::AlreadyExists("an integration '" + i.name + "' already exists");
  return r;
}

Outcome SqliteTx::RecordReport(const std::string& name, TimePoint at) {
  reports_.Record(name, at);
  return Success();
}

Outcome SqliteTx::FlushReports() {
  for (const ReportCounter::Pending& r : reports_.batch()) {
    Stmt q(conn_,
           "UPDATE integrations SET last_report_at = max(coalesce(last_report_at, 0), ?), "
           "reports = reports + ? WHERE name = ?");
    q.Bind(1, ToMicros(r.latest)).Bind(2, r.count).Bind(3, r.integration);
    WARROOM_RETURN_IF_ERROR(q.Exec());
  }
  return Success();
}

Outcome SqliteTx::SetIntegrationEnabled(const std::string& name, bool enabled) {
  Stmt q(conn_, "UPDATE integrations SET enabled = ? WHERE name = ?");
  q.Bind(1, std::int64_t(enabled ? 1 : 0)).Bind(2, name);
  WARROOM_RETURN_IF_ERROR(q.Exec());
  if (sqlite3_changes(conn_.get()) == 0)
    return Error::NotFound("no integration '" + name + "' (see `warroom integration list`)");
  return Success();
}

Outcome SqliteTx::RotateIntegrationKey(const std::string& name, const Hash& key_digest,
                                       TimePoint at) {
  Stmt q(conn_, "UPDATE integrations SET key_digest = ?, rotated_at = ? WHERE name = ?");
  q.BindBlob(1, key_digest.data(), key_digest.size()).Bind(2, ToMicros(at)).Bind(3, name);
  WARROOM_RETURN_IF_ERROR(q.Exec());
  if (sqlite3_changes(conn_.get()) == 0)
    return Error::NotFound("no integration '" + name + "' (see `warroom integration list`)");
  return Success();
}

Result<AlertUpsert> SqliteTx::UpsertAlert(const AlertRecord& a) {
  AlertUpsert out;
  {
    static const std::string kSql = std::string("SELECT ") + kAlertColumns +
                                    " FROM alerts WHERE integration = ? AND alert_key = ? AND "
                                    "starts_at = ?";
    Stmt q(conn_, kSql);
    q.Bind(1, a.integration).Bind(2, a.alert_key).Bind(3, ToMicros(a.starts_at));
    if (q.Step()) {
      out.alert = ReadAlert(q);
    } else if (q.Failed()) {
      return q.error();
    } else {
      out.created = true;
    }
  }
  if (!out.created) {
    AlertRecord& s = out.alert;
    out.previous_status = s.status;
    ApplyRepeat(s, a);
    // SQLite rewrites the entries of every index over a column the SET
    // names, changed or not: status is named only when it changes, so the
    // common repeat (firing again) leaves the status indexes alone.
    const bool status_changed = s.status != out.previous_status;
    Stmt u(conn_, status_changed
                      ? "UPDATE alerts SET last_seen = ?1, fire_count = ?2, status = ?3, "
                        "ends_at = ?4, annotations = ?5, summary = ?6 WHERE id = ?7"
                      : "UPDATE alerts SET last_seen = ?1, fire_count = ?2, ends_at = ?4, "
                        "annotations = ?5, summary = ?6 WHERE id = ?7");
    u.Bind(1, ToMicros(s.last_seen))
        .Bind(2, std::int64_t(s.fire_count))
        .Bind(5, s.annotations)
        .Bind(6, s.summary)
        .Bind(7, s.id);
    if (status_changed) u.Bind(3, core::AlertStatusName(s.status));
    if (s.ends_at) {
      u.Bind(4, ToMicros(*s.ends_at));
    } else {
      u.BindNull(4);
    }
    WARROOM_RETURN_IF_ERROR(u.Exec());
    return out;
  }
  Stmt ins(conn_,
           "INSERT INTO alerts (integration, alert_key, starts_at, status, group_key, summary, "
           "labels, annotations, source_url, first_seen, last_seen, ends_at, disposition, route) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  ins.Bind(1, a.integration)
      .Bind(2, a.alert_key)
      .Bind(3, ToMicros(a.starts_at))
      .Bind(4, core::AlertStatusName(a.status))
      .Bind(5, a.group_key)
      .Bind(6, a.summary)
      .Bind(7, a.labels)
      .Bind(8, a.annotations)
      .Bind(9, a.source_url)
      .Bind(10, ToMicros(a.first_seen))
      .Bind(11, ToMicros(a.last_seen))
      .Bind(13, core::DispositionName(a.disposition))
      .Bind(14, a.route);
  if (a.ends_at) {
    ins.Bind(12, ToMicros(*a.ends_at));
  } else {
    ins.BindNull(12);
  }
  WARROOM_RETURN_IF_ERROR(ins.Exec());
  out.alert = a;
  out.alert.id = sqlite3_last_insert_rowid(conn_.get());
  out.alert.fire_count = 1;
  out.alert.incident_id.clear();
  return out;
}

namespace {

// A firing report counted against the alert the statement's WHERE finds
// (?1 integration, ?2 key, ?3 the report's start): nothing read back;
// status is not named (a firing report changes none), so its indexes are
// left alone.
constexpr std::string_view kCountRepeat =
    "UPDATE alerts SET last_seen = max(last_seen, ?4), fire_count = fire_count + 1, "
    "annotations = ?5, summary = ?6 ";

Result<bool> CountRepeat(Connection& conn, const std::string& sql, const AlertRecord& a) {
  Stmt u(conn, sql);
  u.Bind(1, a.integration).Bind(2, a.alert_key).Bind(3, ToMicros(a.starts_at));
  u.Bind(4, ToMicros(a.last_seen)).Bind(5, a.annotations).Bind(6, a.summary);
  WARROOM_RETURN_IF_ERROR(u.Exec());
  return sqlite3_changes(conn.get()) > 0;
}

}  // namespace

Result<bool> SqliteTx::RepeatFiring(const AlertRecord& a) {
  // Found by the unique key. Built once: the statement cache is keyed by the text.
  static const std::string kSql =
      std::string(kCountRepeat) + "WHERE integration = ?1 AND alert_key = ?2 AND starts_at = ?3";
  return CountRepeat(conn_, kSql, a);
}

Result<bool> SqliteTx::RepeatOpenFiring(const AlertRecord& a) {
  // The open alert as OpenAlertStart finds it; ?3 is not used (the sender
  // names no start).
  static const std::string kSql =
      std::string(kCountRepeat) +
      "WHERE id = (SELECT id FROM alerts WHERE integration = ?1 AND alert_key = ?2 AND status IN "
      "('firing', 'acknowledged') ORDER BY starts_at DESC LIMIT 1)";
  return CountRepeat(conn_, kSql, a);
}

Outcome SqliteTx::SetAlertDisposition(const std::vector<std::int64_t>& ids,
                                      const AlertDisposition& d) {
  if (ids.empty()) return Success();
  std::string list = "[";
  for (std::int64_t id : ids) list += (list.size() > 1 ? "," : "") + std::to_string(id);
  list += "]";
  // One statement for the whole group, however large (an alert storm).
  Stmt u(conn_,
         "UPDATE alerts SET disposition = ?1, incident_id = nullif(?2, ''), route = CASE WHEN ?3 "
         "= '' THEN route ELSE ?3 END, triaged_by = coalesce(nullif(?4, ''), triaged_by), "
         "triaged_at = CASE WHEN ?4 = '' THEN triaged_at ELSE ?5 END, "
         "triage_note = CASE WHEN ?4 = '' THEN triage_note ELSE ?7 END "
         "WHERE id IN (SELECT value FROM json_each(?6))");
  u.Bind(1, core::DispositionName(d.disposition))
      .Bind(2, d.incident_id)
      .Bind(3, d.route)
      .Bind(4, d.by);
  u.Bind(5, ToMicros(d.at)).Bind(6, list).Bind(7, d.note);
  WARROOM_RETURN_IF_ERROR(u.Exec());
  return Success();
}

Outcome SqliteTx::AddAlertGroupHolder(const std::string& integration, const std::string& group_key,
                                      const std::string& incident_id, TimePoint at) {
  Stmt q(conn_,
         "INSERT OR IGNORE INTO alert_group_holders (integration, group_key, incident_id, "
         "attached_at) VALUES (?, ?, ?, ?)");
  q.Bind(1, integration).Bind(2, group_key).Bind(3, incident_id).Bind(4, ToMicros(at));
  return q.Exec();
}

Result<std::optional<AlertRecord>> SqliteTx::FindAlert(std::int64_t id) {
  Stmt q(conn_, std::string("SELECT ") + kAlertColumns + " FROM alerts WHERE id = ?");
  q.Bind(1, id);
  return OneRow(q, ReadAlert);
}

Result<std::optional<std::string>> SqliteTx::AlertGroupHolder(const std::string& integration,
                                                              const std::string& group_key) {
  Stmt q(conn_,
         "SELECT incident_id FROM alert_group_holders WHERE integration = ? AND group_key = ? "
         "ORDER BY attached_at DESC, rowid DESC LIMIT 1");
  q.Bind(1, integration).Bind(2, group_key);
  return OneRow(q, [](const Stmt& r) { return r.Text(0); });
}

Result<std::pair<std::int64_t, std::int64_t>> SqliteTx::CountFiringAlerts(
    const std::string& incident_id, const std::string& integration, const std::string& group_key) {
  Stmt q(conn_,
         "SELECT coalesce(sum(integration = ? AND group_key = ?), 0), count(*) FROM alerts "
         "WHERE incident_id = ? AND status IN ('firing', 'acknowledged')");
  q.Bind(1, integration).Bind(2, group_key).Bind(3, incident_id);
  if (!q.Step()) return q.Failed() ? q.error() : Error::Internal("count returned no row");
  return std::pair<std::int64_t, std::int64_t>(q.Int(0), q.Int(1));
}

}  // namespace warroom::store::sqlite
