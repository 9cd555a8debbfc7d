// The integrations and alerts part of the SQLite adapter.
#include "store/sqlite/sqlite_tx.hpp"

namespace warroom::store::sqlite {
namespace {

constexpr const char* kIntegrationColumns = "name, type, enabled, created_at, rotated_at";
constexpr const char* kAlertColumns =
    "id, integration, alert_key, starts_at, status, group_key, summary, labels, annotations, "
    "source_url, "
    "first_seen, last_seen, ends_at, fire_count, coalesce(incident_id, '')";

Integration ReadIntegration(const Stmt& q) {
  Integration i;
  i.name = q.Text(0);
  i.type = q.Text(1);
  i.enabled = q.Int(2) != 0;
  i.created_at = FromMicros(q.Int(3));
  if (!q.IsNull(4)) i.rotated_at = FromMicros(q.Int(4));
  return i;
}

AlertRecord ReadAlert(const Stmt& q) {
  AlertRecord a;
  a.id = q.Int(0);
  a.integration = q.Text(1);
  a.alert_key = q.Text(2);
  a.starts_at = FromMicros(q.Int(3));
  a.status = q.Text(4);
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
  return a;
}

}  // namespace

Result<std::optional<Integration>> SqliteTx::FindIntegrationByDigest(const Hash& digest) {
  Stmt q(conn_, std::string("SELECT ") + kIntegrationColumns +
                    " FROM integrations WHERE key_digest = ? AND enabled = 1");
  q.BindBlob(1, digest.data(), digest.size());
  if (q.Step()) return std::optional<Integration>(ReadIntegration(q));
  if (q.Failed()) return q.error();
  return std::optional<Integration>();
}

Result<std::vector<Integration>> SqliteTx::ListIntegrations() {
  Stmt q(conn_, std::string("SELECT ") + kIntegrationColumns + " FROM integrations ORDER BY name");
  std::vector<Integration> out;
  while (q.Step()) out.push_back(ReadIntegration(q));
  if (q.Failed()) return q.error();
  return out;
}

Result<std::vector<AlertRecord>> SqliteTx::ListAlerts(const AlertFilter& f) {
  std::string sql = std::string("SELECT ") + kAlertColumns + " FROM alerts WHERE 1=1";
  if (f.status) sql += " AND status = ?1";
  if (!f.integration.empty()) sql += " AND integration = ?2";
  sql += " ORDER BY last_seen DESC, id DESC LIMIT ?3";
  Stmt q(conn_, sql);
  if (f.status) q.Bind(1, *f.status);
  if (!f.integration.empty()) q.Bind(2, f.integration);
  q.Bind(3, std::int64_t(f.limit));
  std::vector<AlertRecord> out;
  while (q.Step()) out.push_back(ReadAlert(q));
  if (q.Failed()) return q.error();
  return out;
}

Result<std::optional<TimePoint>> SqliteTx::OpenAlertStart(const std::string& integration,
                                                          const std::string& key) {
  Stmt q(conn_,
         "SELECT starts_at FROM alerts WHERE integration = ? AND alert_key = ? AND status IN "
         "('firing', "
         "'acknowledged') ORDER BY starts_at DESC LIMIT 1");
  q.Bind(1, integration).Bind(2, key);
  if (q.Step()) return std::optional<TimePoint>(FromMicros(q.Int(0)));
  if (q.Failed()) return q.error();
  return std::optional<TimePoint>();
}

Outcome SqliteTx::InsertIntegration(const Integration& i, const Hash& key_digest) {
  Stmt q(conn_,
         "INSERT INTO integrations (name, type, key_digest, enabled, created_at) VALUES (?, ?, ?, "
         "1, ?)");
  q.Bind(1, i.name)
      .Bind(2, i.type)
      .BindBlob(3, key_digest.data(), key_digest.size())
      .Bind(4, ToMicros(i.created_at));
  auto r = q.Exec();
  if (!r.ok() && r.error().code == ErrorCode::kConflict)
    return Error::AlreadyExists("an integration '" + i.name + "' already exists");
  return r;
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

Result<std::pair<AlertRecord, bool>> SqliteTx::UpsertAlert(const AlertRecord& a) {
  {
    Stmt u(
        conn_,
        "UPDATE alerts SET last_seen = max(last_seen, ?), fire_count = fire_count + 1, "
        // Resolved is final for one firing (a late copy from another
        // Alertmanager peer cannot revive it); an acknowledgment holds
        // against repeats of firing.
        "status = CASE WHEN status = 'resolved' THEN status "
        "WHEN ? = 'firing' AND status = 'acknowledged' THEN status ELSE ? END, "
        "ends_at = CASE WHEN ? = 'resolved' THEN ? ELSE ends_at END, annotations = ?, summary = ? "
        "WHERE integration = ? AND alert_key = ? AND starts_at = ?");
    u.Bind(1, ToMicros(a.last_seen))
        .Bind(2, a.status)
        .Bind(3, a.status)
        .Bind(4, a.status)
        .Bind(5, a.ends_at ? ToMicros(*a.ends_at) : ToMicros(a.last_seen))
        .Bind(6, a.annotations)
        .Bind(7, a.summary)
        .Bind(8, a.integration)
        .Bind(9, a.alert_key)
        .Bind(10, ToMicros(a.starts_at));
    WARROOM_RETURN_IF_ERROR(u.Exec());
  }
  bool created = sqlite3_changes(conn_.get()) == 0;
  if (created) {
    Stmt ins(
        conn_,
        "INSERT INTO alerts (integration, alert_key, starts_at, status, group_key, summary, "
        "labels, annotations, "
        "source_url, first_seen, last_seen, ends_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.Bind(1, a.integration)
        .Bind(2, a.alert_key)
        .Bind(3, ToMicros(a.starts_at))
        .Bind(4, a.status)
        .Bind(5, a.group_key)
        .Bind(6, a.summary)
        .Bind(7, a.labels)
        .Bind(8, a.annotations)
        .Bind(9, a.source_url)
        .Bind(10, ToMicros(a.first_seen))
        .Bind(11, ToMicros(a.last_seen));
    if (a.ends_at) {
      ins.Bind(12, ToMicros(*a.ends_at));
    } else {
      ins.BindNull(12);
    }
    WARROOM_RETURN_IF_ERROR(ins.Exec());
  }
  Stmt q(conn_, std::string("SELECT ") + kAlertColumns +
                    " FROM alerts WHERE integration = ? AND alert_key = ? AND starts_at = ?");
  q.Bind(1, a.integration).Bind(2, a.alert_key).Bind(3, ToMicros(a.starts_at));
  if (!q.Step())
    return q.Failed() ? q.error() : Error::Internal("the alert just written is missing");
  return std::pair<AlertRecord, bool>(ReadAlert(q), created);
}

}  // namespace warroom::store::sqlite
