#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/incident/state.hpp"

namespace warroom::store {

// One action item with the incident it belongs to: the action-item list's
// read model, written with the events it reflects (an incident's items are
// also in its state; this answers the questions across incidents).
struct ActionItemRow {
  std::string incident_id;
  core::Severity incident_severity = core::Severity::kP3;
  std::string incident_summary;
  core::ActionItem item;
};

struct ActionItemFilter {
  std::optional<bool> open;  // still owed (not started or in progress), or not
  std::optional<core::ActionStatus> status;
  std::string owner;        // one owner's
  std::string incident_id;  // one incident's
  // YYYY-MM-DD: only items still owed whose due date is before that day.
  std::string overdue_on;
  // YYYY-MM-DD: only items overdue that day and not yet reminded on it
  // (the reminders module's question).
  std::string unreminded_on;
  // Items of restricted incidents only for admins, their participants, or
  // with `ignore_visibility` (warroom's own modules).
  bool ignore_visibility = false;
  std::string viewer;
  bool viewer_is_admin = false;
  int limit = 50;  // negative: all
  int offset = 0;
};

class ActionItemReads {
 public:
  virtual ~ActionItemReads() = default;
  // The items matching `f`, earliest due first (ties: by incident id, then
  // item number), `f.limit` from `f.offset`.
  virtual Result<std::vector<ActionItemRow>> ListActionItems(const ActionItemFilter& f) = 0;
};

class ActionItemWrites {
 public:
  virtual ~ActionItemWrites() = default;
  // Inserts the item of `incident_id`, or replaces every field of the one
  // with its number. The incident's row (UpsertIncident) supplies its
  // severity, summary and visibility to the list.
  virtual Outcome UpsertActionItem(const std::string& incident_id,
                                   const core::ActionItem& item) = 0;
};

}  // namespace warroom::store
