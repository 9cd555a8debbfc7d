// The action-item list's read model in the memory twin (store/action_items.hpp).
#include <algorithm>

#include "store/memory/memory_tx.hpp"
#include "store/memory/window.hpp"

namespace warroom::store::memory {

namespace {

bool Matches(const core::ActionItem& a, const IncidentRow& inc, const ActionItemFilter& f) {
  bool open = core::IsOpen(a.status);
  if (f.open && open != *f.open) return false;
  if (f.status && a.status != *f.status) return false;
  if (!f.owner.empty() && a.owner != f.owner) return false;
  if (!f.incident_id.empty() && inc.id != f.incident_id) return false;
  if (!f.overdue_on.empty() && !(open && a.due < f.overdue_on)) return false;
  if (!f.unreminded_on.empty() &&
      !(open && a.due < f.unreminded_on && a.last_reminded_day < f.unreminded_on))
    return false;
  if (!f.viewer_is_admin && !f.ignore_visibility && inc.visibility != core::Visibility::kPublic &&
      std::find(inc.participants.begin(), inc.participants.end(), f.viewer) ==
          inc.participants.end())
    return false;
  return true;
}

}  // namespace

Result<std::vector<ActionItemRow>> MemoryTx::ListActionItems(const ActionItemFilter& f) {
  std::vector<ActionItemRow> rows;
  for (const auto& [key, item] : t_.action_items) {
    auto inc = std::find_if(t_.incidents.begin(), t_.incidents.end(),
                            [&](const IncidentRow& r) { return r.id == key.first; });
    if (inc == t_.incidents.end() || !Matches(item, *inc, f)) continue;
    rows.push_back(ActionItemRow{inc->id, inc->severity, inc->summary, item});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const ActionItemRow& a, const ActionItemRow& b) {
    return std::tie(a.item.due, a.incident_id, a.item.id) <
           std::tie(b.item.due, b.incident_id, b.item.id);
  });
  return Window(std::move(rows), f.limit, f.offset);
}

Outcome MemoryTx::UpsertActionItem(const std::string& incident_id, const core::ActionItem& item) {
  t_.action_items[{incident_id, item.id}] = item;
  return Success();
}

}  // namespace warroom::store::memory
