#pragma once

// How both SQL adapters read an action_items row as kActionItemColumns
// selects it (sql_columns.hpp), from any row type with Text, Int and IsNull
// by column (SQLite's Stmt, PostgreSQL's Row).
#include "store/action_items.hpp"

namespace warroom::store {

template <typename R>
ActionItemRow ReadActionItemRow(const R& r) {
  ActionItemRow row;
  row.incident_id = r.Text(0);
  core::ActionItem& a = row.item;
  a.id = r.Int(1);
  a.title = r.Text(2);
  a.owner = r.Text(3);
  a.due = r.Text(4);
  // A name a newer version wrote reads as the nearest one this one knows.
  a.priority = core::ParseSeverity(r.Text(5)).value_or(core::Severity::kP2);
  a.status = core::ParseActionStatus(r.Text(6)).value_or(core::ActionStatus::kNotStarted);
  a.reason = r.Text(7);
  a.tracker_url = r.Text(8);
  a.created_by = r.Text(9);
  a.created_at = FromMicros(r.Int(10));
  a.updated_at = FromMicros(r.Int(11));
  if (!r.IsNull(12)) a.done_at = FromMicros(r.Int(12));
  a.reminders = static_cast<int>(r.Int(13));
  a.last_reminded_day = r.Text(14);
  row.incident_severity = core::ParseSeverity(r.Text(15)).value_or(core::Severity::kP3);
  row.incident_summary = r.Text(16);
  return row;
}

}  // namespace warroom::store
