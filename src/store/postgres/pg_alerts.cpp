// The integrations and alerts part of the PostgreSQL adapter.
#include <algorithm>

#include "base/text.hpp"
#include "store/alert_repeat.hpp"
#include "store/postgres/pg_tx.hpp"
#include "store/sql_columns.hpp"

namespace warroom::store::postgres {
namespace {

using namespace sql_columns;

using core::AlertStatus;

Integration ReadIntegration(const Row& r) {
  Integration i;
  i.name = r.Text(0);
  i.type = core::ParseSender(r.Text(1)).value_or(core::Sender::kGeneric);
  i.enabled = r.Bool(2);
  i.created_at = r.Time(3);
  i.rotated_at = r.OptTime(4);
  i.last_report_at = r.OptTime(5);
  i.reports = r.Int(6);
  return i;
}

AlertRecord ReadAlert(const Row& r) {
  AlertRecord a;
  a.id = r.Int(0);
  a.integration = r.Text(1);
  a.alert_key = r.Text(2);
  a.starts_at = r.Time(3);
  a.status = core::ParseAlertStatus(r.Text(4)).value_or(AlertStatus::kFiring);
  a.group_key = r.Text(5);
  a.summary = r.Text(6);
  a.labels = r.Text(7);
  a.annotations = r.Text(8);
  a.source_url = r.Text(9);
  a.first_seen = r.Time(10);
  a.last_seen = r.Time(11);
  a.ends_at = r.OptTime(12);
  a.fire_count = static_cast<int>(r.Int(13));
  a.incident_id = r.Text(14);
  a.disposition = core::ParseDisposition(r.Text(15)).value_or(core::Disposition::kTriage);
  a.route = r.Text(16);
  a.triaged_by = r.Text(17);
  a.triaged_at = r.OptTime(18);
  a.triage_note = r.Text(19);
  return a;
}

Error NoIntegration(const std::string& name) {
  return Error::NotFound("no integration '" + name + "' (see `warroom integration list`)");
}

}  // namespace

Result<std::optional<Integration>> PgTx::FindIntegrationByDigest(const Hash& digest) {
  Params p;
  std::string sql = std::string("SELECT ") + kIntegrationColumns +
                    " FROM integrations WHERE key_digest = " + p.Bytes(digest) + " AND enabled";
  return OneRow(conn_, sql, p, ReadIntegration);
}

Result<std::vector<Integration>> PgTx::ListIntegrations() {
  return AllRows(conn_,
                 std::string("SELECT ") + kIntegrationColumns + " FROM integrations ORDER BY name",
                 Params(), ReadIntegration);
}

Result<std::vector<AlertRecord>> PgTx::ListAlerts(const AlertFilter& f) {
  WARROOM_RETURN_IF_ERROR(WriteRepeats());
  Params p;
  std::string sql = std::string("SELECT ") + kAlertColumns + " FROM alerts WHERE true";
  if (f.status) sql += " AND status = " + p.Text(core::AlertStatusName(*f.status));
  if (!f.integration.empty()) sql += " AND integration = " + p.Text(f.integration);
  if (!f.incident_id.empty()) sql += " AND incident_id = " + p.Text(f.incident_id);
  if (f.disposition) sql += " AND disposition = " + p.Text(core::DispositionName(*f.disposition));
  if (!f.group_key.empty()) sql += " AND group_key = " + p.Text(f.group_key);
  sql += " ORDER BY last_seen DESC, id DESC LIMIT " + p.Int(f.limit);
  return AllRows(conn_, sql, p, ReadAlert);
}

Result<std::optional<TimePoint>> PgTx::OpenAlertStart(const std::string& integration,
                                                      const std::string& key) {
  WARROOM_RETURN_IF_ERROR(WriteRepeats());
  Params p;
  std::string sql = "SELECT starts_at FROM alerts WHERE integration = " + p.Text(integration) +
                    " AND alert_key = " + p.Text(key) +
                    " AND status IN ('firing', 'acknowledged') ORDER BY starts_at DESC LIMIT 1";
  return OneRow(conn_, sql, p, [](const Row& r) { return r.Time(0); });
}

Outcome PgTx::InsertIntegration(const Integration& i, const Hash& key_digest) {
  // A taken name or key is found by ON CONFLICT, not by the constraint's
  // error (which would abort the rest of the transaction).
  Params p;
  std::string sql =
      "INSERT INTO integrations (name, type, key_digest, enabled, created_at) "
      "VALUES (" +
      p.Text(i.name) + ", " + p.Text(core::SenderName(i.type)) + ", " + p.Bytes(key_digest) +
      ", true, " + p.Time(i.created_at) + ") ON CONFLICT DO NOTHING";
  WARROOM_ASSIGN_OR_RETURN(Rows r, conn_.Query(sql, p));
  if (r.Affected() == 0)
    return Error::AlreadyExists("an integration '" + i.name + "' already exists");
  return Success();
}

Outcome PgTx::RecordReport(const std::string& name, TimePoint at) {
  reports_.Record(name, at);
  return Success();
}

Outcome PgTx::FlushReports() {
  WARROOM_RETURN_IF_ERROR(WriteRepeats());
  for (const ReportCounter::Pending& r : reports_.batch()) {
    Params p;
    std::string sql = "UPDATE integrations SET last_report_at = greatest(last_report_at, " +
                      p.Time(r.latest) + "), reports = reports + " + p.Int(r.count) +
                      " WHERE name = " + p.Text(r.integration);
    WARROOM_RETURN_IF_ERROR(conn_.Exec(sql, p));
  }
  return Success();
}

Outcome PgTx::SetIntegrationEnabled(const std::string& name, bool enabled) {
  Params p;
  std::string sql =
      "UPDATE integrations SET enabled = " + p.Bool(enabled) + " WHERE name = " + p.Text(name);
  WARROOM_ASSIGN_OR_RETURN(Rows r, conn_.Query(sql, p));
  if (r.Affected() == 0) return NoIntegration(name);
  return Success();
}

Outcome PgTx::RotateIntegrationKey(const std::string& name, const Hash& key_digest, TimePoint at) {
  Params p;
  // A digest another integration holds changes nothing here (it cannot
  // happen with fresh random keys); the constraint's error would abort the
  // transaction.
  std::string sql = "UPDATE integrations SET key_digest = " + p.Bytes(key_digest) +
                    ", rotated_at = " + p.Time(at) + " WHERE name = " + p.Text(name) +
                    " AND NOT EXISTS (SELECT 1 FROM integrations o WHERE o.key_digest = $1 AND "
                    "o.name <> $3)";
  WARROOM_ASSIGN_OR_RETURN(Rows r, conn_.Query(sql, p));
  if (r.Affected() > 0) return Success();
  Params q;
  WARROOM_ASSIGN_OR_RETURN(
      Rows found, conn_.Query("SELECT 1 FROM integrations WHERE name = " + q.Text(name), q));
  if (found.empty()) return NoIntegration(name);
  return Error::Conflict("the new key's digest is already another integration's: rotate again");
}

Result<AlertUpsert> PgTx::UpsertAlert(const AlertRecord& a) {
  WARROOM_RETURN_IF_ERROR(WriteRepeats());
  AlertUpsert out;
  {
    Params p;
    std::string sql = std::string("SELECT ") + kAlertColumns +
                      " FROM alerts WHERE integration = " + p.Text(a.integration) +
                      " AND alert_key = " + p.Text(a.alert_key) +
                      " AND starts_at = " + p.Time(a.starts_at);
    WARROOM_ASSIGN_OR_RETURN(auto found, OneRow(conn_, sql, p, ReadAlert));
    if (found) {
      out.alert = std::move(*found);
    } else {
      out.created = true;
    }
  }
  if (!out.created) {
    AlertRecord& s = out.alert;
    out.previous_status = s.status;
    ApplyRepeat(s, a);
    Params p;
    std::string sql = "UPDATE alerts SET last_seen = " + p.Time(s.last_seen) +
                      ", fire_count = " + p.Int(s.fire_count) +
                      ", status = " + p.Text(core::AlertStatusName(s.status)) +
                      ", ends_at = " + p.Time(s.ends_at) +
                      ", annotations = " + p.Text(s.annotations) +
                      ", summary = " + p.Text(s.summary) + " WHERE id = " + p.Int(s.id);
    WARROOM_RETURN_IF_ERROR(conn_.Exec(sql, p));
    return out;
  }
  // Numbered 1, 2, ... as on SQLite: the writers' lock is held.
  Params p;
  std::string sql =
      "INSERT INTO alerts (id, integration, alert_key, starts_at, status, group_key, summary, "
      "labels, annotations, source_url, first_seen, last_seen, ends_at, disposition, route) "
      "SELECT coalesce(max(id), 0) + 1, " +
      p.Text(a.integration) + ", " + p.Text(a.alert_key) + ", " + p.Time(a.starts_at) + ", " +
      p.Text(core::AlertStatusName(a.status)) + ", " + p.Text(a.group_key) + ", " +
      p.Text(a.summary) + ", " + p.Text(a.labels) + ", " + p.Text(a.annotations) + ", " +
      p.Text(a.source_url) + ", " + p.Time(a.first_seen) + ", " + p.Time(a.last_seen) + ", " +
      p.Time(a.ends_at) + ", " + p.Text(core::DispositionName(a.disposition)) + ", " +
      p.Text(a.route) + " FROM alerts RETURNING id";
  WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query(sql, p));
  if (rows.empty()) return Error::Internal("the alert insert returned no id");
  out.alert = a;
  out.alert.id = rows.Int(0, 0);
  out.alert.fire_count = 1;
  out.alert.incident_id.clear();
  return out;
}

// A firing report counted against its alert: the one of its start
// (`by_start`), else the newest open one of its key (as OpenAlertStart
// finds it: the sender names no start). The alert is looked up once per
// transaction and the count written by WriteRepeats; status is not named
// (a firing report changes none).
Result<bool> PgTx::CountRepeat(const AlertRecord& a, bool by_start) {
  std::string key = a.integration;
  key += '\0';
  key += a.alert_key;
  key += '\0';
  key += by_start ? std::to_string(ToMicros(a.starts_at)) : std::string("open");
  std::optional<std::int64_t> id = repeats_.Find(key);
  if (!id) {
    Params p;
    std::string where =
        "integration = " + p.Text(a.integration) + " AND alert_key = " + p.Text(a.alert_key);
    std::string sql =
        "SELECT id FROM alerts WHERE " + where +
        (by_start ? " AND starts_at = " + p.Time(a.starts_at)
                  : std::string(" AND status IN ('firing', 'acknowledged') ORDER BY starts_at "
                                "DESC LIMIT 1"));
    WARROOM_ASSIGN_OR_RETURN(id, OneRow(conn_, sql, p, [](const Row& r) { return r.Int(0); }));
    if (!id) return false;
    repeats_.Remember(key, *id);
  }
  repeats_.Count(*id, a.last_seen, a.annotations, a.summary);
  return true;
}

Outcome PgTx::WriteRepeats() {
  std::vector<RepeatCounter::Pending> pending = repeats_.Take();
  if (pending.empty()) return Success();
  // One statement for them all, the rows as one JSON parameter.
  std::string rows = "[";
  for (const RepeatCounter::Pending& r : pending) {
    if (rows.size() > 1) rows += ',';
    rows += "{\"id\":" + std::to_string(r.id) + ",\"n\":" + std::to_string(r.count) +
            ",\"last_seen\":" + std::to_string(ToMicros(r.last_seen)) + ",\"annotations\":";
    AppendJsonString(rows, r.annotations);
    rows += ",\"summary\":";
    AppendJsonString(rows, r.summary);
    rows += '}';
  }
  rows += ']';
  Params p;
  std::string sql =
      "UPDATE alerts AS a SET fire_count = a.fire_count + v.n, last_seen = greatest(a.last_seen, "
      "v.last_seen), annotations = v.annotations, summary = v.summary FROM jsonb_to_recordset(" +
      p.Text(rows) +
      "::jsonb) AS v(id bigint, n bigint, last_seen bigint, annotations text, summary text) "
      "WHERE a.id = v.id";
  return conn_.Exec(sql, p);
}

Result<bool> PgTx::RepeatFiring(const AlertRecord& a) { return CountRepeat(a, true); }

Result<bool> PgTx::RepeatOpenFiring(const AlertRecord& a) { return CountRepeat(a, false); }

Outcome PgTx::SetAlertDisposition(const std::vector<std::int64_t>& ids, const AlertDisposition& d) {
  if (ids.empty()) return Success();
  WARROOM_RETURN_IF_ERROR(WriteRepeats());
  std::string list = "{";
  for (std::int64_t id : ids) list += (list.size() > 1 ? "," : "") + std::to_string(id);
  list += "}";
  // One statement for the whole group, however large (an alert storm).
  Params p;
  std::string disposition = p.Text(core::DispositionName(d.disposition));
  std::string incident = p.Text(d.incident_id);
  std::string route = p.Text(d.route);
  std::string by = p.Text(d.by);
  std::string at = p.Time(d.at);
  std::string note = p.Text(d.note);
  std::string sql = "UPDATE alerts SET disposition = " + disposition + ", incident_id = nullif(" +
                    incident + "::text, ''), route = CASE WHEN " + route +
                    "::text = '' THEN route ELSE " + route + " END, triaged_by = coalesce(nullif(" +
                    by + "::text, ''), triaged_by), triaged_at = CASE WHEN " + by +
                    "::text = '' THEN triaged_at ELSE " + at +
                    "::bigint END, triage_note = CASE WHEN " + by +
                    "::text = '' THEN triage_note ELSE " + note + " END WHERE id = ANY(" +
                    p.Text(list) + "::bigint[])";
  return conn_.Exec(sql, p);
}

Outcome PgTx::AddAlertGroupHolder(const std::string& integration, const std::string& group_key,
                                  const std::string& incident_id, TimePoint at) {
  Params p;
  std::string sql =
      "INSERT INTO alert_group_holders (integration, group_key, incident_id, attached_at) VALUES "
      "(" +
      p.Text(integration) + ", " + p.Text(group_key) + ", " + p.Text(incident_id) + ", " +
      p.Time(at) + ") ON CONFLICT DO NOTHING";
  return conn_.Exec(sql, p);
}

Result<std::optional<AlertRecord>> PgTx::FindAlert(std::int64_t id) {
  WARROOM_RETURN_IF_ERROR(WriteRepeats());
  Params p;
  std::string sql = std::string("SELECT ") + kAlertColumns + " FROM alerts WHERE id = " + p.Int(id);
  return OneRow(conn_, sql, p, ReadAlert);
}

Result<std::optional<std::string>> PgTx::AlertGroupHolder(const std::string& integration,
                                                          const std::string& group_key) {
  Params p;
  std::string sql =
      "SELECT incident_id FROM alert_group_holders WHERE integration = " + p.Text(integration) +
      " AND group_key = " + p.Text(group_key) +
      " ORDER BY attached_at DESC, attached_order DESC LIMIT 1";
  return OneRow(conn_, sql, p, [](const Row& r) { return r.Text(0); });
}

Result<std::pair<std::int64_t, std::int64_t>> PgTx::CountFiringAlerts(
    const std::string& incident_id, const std::string& integration, const std::string& group_key) {
  WARROOM_RETURN_IF_ERROR(WriteRepeats());
  Params p;
  std::string sql = "SELECT count(*) FILTER (WHERE integration = " + p.Text(integration) +
                    " AND group_key = " + p.Text(group_key) +
                    "), count(*) FROM alerts WHERE incident_id = " + p.Text(incident_id) +
                    " AND status IN ('firing', 'acknowledged')";
  WARROOM_ASSIGN_OR_RETURN(Rows rows, conn_.Query(sql, p));
  if (rows.empty()) return Error::Internal("the count returned no row");
  return std::pair<std::int64_t, std::int64_t>(rows.Int(0, 0), rows.Int(0, 1));
}

}  // namespace warroom::store::postgres
