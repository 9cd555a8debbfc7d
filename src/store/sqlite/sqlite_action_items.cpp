// The action-item list's read model in SQLite (store/action_items.hpp).
#include "store/action_item_rows.hpp"
#include "store/incident_rows.hpp"
#include "store/sql_columns.hpp"
#include "store/sqlite/sqlite_tx.hpp"

namespace warroom::store::sqlite {
using namespace sql_columns;

Result<std::vector<ActionItemRow>> SqliteTx::ListActionItems(const ActionItemFilter& f) {
  std::string sql = std::string("SELECT ") + kActionItemColumns +
                    " FROM action_items a JOIN incidents i ON i.id = a.incident_id WHERE 1=1";
  if (f.open) sql += " AND a.is_open = ?1";
  if (f.status) sql += " AND a.status = ?2";
  if (!f.owner.empty()) sql += " AND a.owner = ?3";
  if (!f.incident_id.empty()) sql += " AND a.incident_id = ?4";
  if (!f.overdue_on.empty()) sql += " AND a.is_open = 1 AND a.due < ?5";
  if (!f.unreminded_on.empty())
    sql += " AND a.is_open = 1 AND a.due < ?6 AND a.last_reminded_day < ?6";
  bool check_visibility = !f.viewer_is_admin && !f.ignore_visibility;
  if (check_visibility) sql += " AND (i.visibility = 'public' OR instr(i.participants, ?7) > 0)";
  sql += " ORDER BY a.due, a.incident_id, a.item_id LIMIT ?8 OFFSET ?9";
  Stmt q(conn_, sql);
  if (f.open) q.Bind(1, std::int64_t(*f.open ? 1 : 0));
  if (f.status) q.Bind(2, core::ActionStatusName(*f.status));
  if (!f.owner.empty()) q.Bind(3, f.owner);
  if (!f.incident_id.empty()) q.Bind(4, f.incident_id);
  if (!f.overdue_on.empty()) q.Bind(5, f.overdue_on);
  if (!f.unreminded_on.empty()) q.Bind(6, f.unreminded_on);
  if (check_visibility) q.Bind(7, "," + f.viewer + ",");
  q.Bind(8, std::int64_t(f.limit)).Bind(9, std::int64_t(f.offset));
  return AllRows(q, ReadActionItemRow<Stmt>);
}

Outcome SqliteTx::UpsertActionItem(const std::string& incident_id, const core::ActionItem& a) {
  Stmt q(conn_,
         "INSERT INTO action_items (incident_id, item_id, title, owner, due, priority, status, "
         "is_open, reason, tracker_url, created_by, created_at, updated_at, done_at, reminders, "
         "last_reminded_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
         "ON CONFLICT (incident_id, item_id) DO UPDATE SET title = excluded.title, owner = "
         "excluded.owner, due = excluded.due, priority = excluded.priority, status = "
         "excluded.status, is_open = excluded.is_open, reason = excluded.reason, tracker_url = "
         "excluded.tracker_url, updated_at = excluded.updated_at, done_at = excluded.done_at, "
         "reminders = excluded.reminders, last_reminded_day = excluded.last_reminded_day");
  q.Bind(1, incident_id)
      .Bind(2, a.id)
      .Bind(3, a.title)
      .Bind(4, a.owner)
      .Bind(5, a.due)
      .Bind(6, core::SeverityName(a.priority))
      .Bind(7, core::ActionStatusName(a.status))
      .Bind(8, std::int64_t(core::IsOpen(a.status) ? 1 : 0))
      .Bind(9, a.reason)
      .Bind(10, a.tracker_url)
      .Bind(11, a.created_by)
      .Bind(12, ToMicros(a.created_at))
      .Bind(13, ToMicros(a.updated_at));
  BindTime(q, 14, a.done_at);
  q.Bind(15, std::int64_t(a.reminders)).Bind(16, a.last_reminded_day);
  return q.Exec();
}

}  // namespace warroom::store::sqlite
