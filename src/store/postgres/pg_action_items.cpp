// The action-item list's read model in PostgreSQL (store/action_items.hpp),
// as SQLite's adapter reads and writes it.
#include "store/action_item_rows.hpp"
#include "store/postgres/pg_tx.hpp"
#include "store/sql_columns.hpp"

namespace warroom::store::postgres {
using namespace sql_columns;

Result<std::vector<ActionItemRow>> PgTx::ListActionItems(const ActionItemFilter& f) {
  Params p;
  std::string sql = std::string("SELECT ") + kActionItemColumns +
                    " FROM action_items a JOIN incidents i ON i.id = a.incident_id WHERE true";
  if (f.open) sql += " AND a.is_open = " + p.Bool(*f.open);
  if (f.status) sql += " AND a.status = " + p.Text(core::ActionStatusName(*f.status));
  if (!f.owner.empty()) sql += " AND a.owner = " + p.Text(f.owner);
  if (!f.incident_id.empty()) sql += " AND a.incident_id = " + p.Text(f.incident_id);
  if (!f.overdue_on.empty()) sql += " AND a.is_open AND a.due < " + p.Text(f.overdue_on);
  if (!f.unreminded_on.empty()) {
    std::string day = p.Text(f.unreminded_on);
    sql += " AND a.is_open AND a.due < " + day + " AND a.last_reminded_day < " + day;
  }
  if (!f.viewer_is_admin && !f.ignore_visibility)
    sql += " AND (i.visibility = 'public' OR strpos(i.participants, " +
           p.Text("," + f.viewer + ",") + ") > 0)";
  // COLLATE "C": the days and ids sort byte by byte, as SQLite sorts them.
  sql += " ORDER BY a.due COLLATE \"C\", a.incident_id COLLATE \"C\", a.item_id";
  if (f.limit >= 0) sql += " LIMIT " + p.Int(f.limit);
  sql += " OFFSET " + p.Int(f.offset);
  return AllRows(conn_, sql, p, ReadActionItemRow<Row>);
}

Outcome PgTx::UpsertActionItem(const std::string& incident_id, const core::ActionItem& a) {
  Params p;
  std::string sql =
      "INSERT INTO action_items (incident_id, item_id, title, owner, due, priority, status, "
      "is_open, reason, tracker_url, created_by, created_at, updated_at, done_at, reminders, "
      "last_reminded_day) VALUES (" +
      p.Text(incident_id) + ", " + p.Int(a.id) + ", " + p.Text(a.title) + ", " + p.Text(a.owner) +
      ", " + p.Text(a.due) + ", " + p.Text(core::SeverityName(a.priority)) + ", " +
      p.Text(core::ActionStatusName(a.status)) + ", " + p.Bool(core::IsOpen(a.status)) + ", " +
      p.Text(a.reason) + ", " + p.Text(a.tracker_url) + ", " + p.Text(a.created_by) + ", " +
      p.Time(a.created_at) + ", " + p.Time(a.updated_at) + ", " + p.Time(a.done_at) + ", " +
      p.Int(a.reminders) + ", " + p.Text(a.last_reminded_day) +
      ") ON CONFLICT (incident_id, item_id) DO UPDATE SET title = excluded.title, owner = "
      "excluded.owner, due = excluded.due, priority = excluded.priority, status = "
      "excluded.status, is_open = excluded.is_open, reason = excluded.reason, tracker_url = "
      "excluded.tracker_url, updated_at = excluded.updated_at, done_at = excluded.done_at, "
      "reminders = excluded.reminders, last_reminded_day = excluded.last_reminded_day";
  return conn_.Exec(sql, p);
}

}  // namespace warroom::store::postgres
