// Integrations and alerts in the memory twin.
#include <algorithm>

#include "store/alert_repeat.hpp"
#include "store/memory/memory_tx.hpp"
#include "store/memory/window.hpp"

namespace warroom::store::memory {
namespace {

AlertRecord* FindById(Tables& t, std::int64_t id) {
  if (id < 1 || id > static_cast<std::int64_t>(t.alerts.size())) return nullptr;
  return &t.alerts[static_cast<std::size_t>(id - 1)];
}

using core::AlertStatus;

bool IsOpen(const AlertRecord& a) {
  return a.status == AlertStatus::kFiring || a.status == AlertStatus::kAcknowledged;
}

bool Matches(const AlertRecord& a, const AlertFilter& f) {
  if (f.status && a.status != *f.status) return false;
  if (!f.integration.empty() && a.integration != f.integration) return false;
  if (!f.incident_id.empty() && a.incident_id != f.incident_id) return false;
  if (f.disposition && a.disposition != *f.disposition) return false;
  if (!f.group_key.empty() && a.group_key != f.group_key) return false;
  return true;
}

}  // namespace

Result<std::optional<Integration>> MemoryTx::FindIntegrationByDigest(const Hash& digest) {
  for (const auto& [name, s] : t_.integrations)
    if (s.key_digest == digest && s.integration.enabled)
      return std::optional<Integration>(s.integration);
  return std::optional<Integration>();
}

Result<std::vector<Integration>> MemoryTx::ListIntegrations() {
  std::vector<Integration> out;
  for (const auto& [name, s] : t_.integrations) out.push_back(s.integration);
  return out;
}

Outcome MemoryTx::InsertIntegration(const Integration& i, const Hash& key_digest) {
  bool taken = t_.integrations.count(i.name) > 0;
  for (const auto& [name, s] : t_.integrations) taken = taken || s.key_digest == key_digest;
  if (taken) return Error::AlreadyExists("an integration '" + i.name + "' already exists");
  Integration stored{i.name, i.type, true, i.created_at, std::nullopt, std::nullopt, 0};
  t_.integrations[i.name] = {stored, key_digest};
  return Success();
}

Outcome MemoryTx::RecordReport(const std::string& name, TimePoint at) {
  auto it = t_.integrations.find(name);
  if (it == t_.integrations.end()) return Success();
  Integration& i = it->second.integration;
  i.last_report_at = std::max(i.last_report_at.value_or(TimePoint{}), at);
  i.reports += 1;
  return Success();
}

Outcome MemoryTx::SetIntegrationEnabled(const std::string& name, bool enabled) {
  auto it = t_.integrations.find(name);
  if (it == t_.integrations.end())
    return Error::NotFound("no integration '" + name + "' (see `warroom integration list`)");
  it->second.integration.enabled = enabled;
  return Success();
}

Outcome MemoryTx::RotateIntegrationKey(const std::string& name, const Hash& key_digest,
                                       TimePoint at) {
  auto it = t_.integrations.find(name);
  if (it == t_.integrations.end())
    return Error::NotFound("no integration '" + name + "' (see `warroom integration list`)");
  for (const auto& [other, s] : t_.integrations)
    if (other != name && s.key_digest == key_digest)
      return Error::Conflict("another integration holds this key");
  it->second.key_digest = key_digest;
  it->second.integration.rotated_at = at;
  return Success();
}

Result<std::vector<AlertRecord>> MemoryTx::ListAlerts(const AlertFilter& f) {
  std::vector<AlertRecord> out;
  for (auto it = t_.alerts.rbegin(); it != t_.alerts.rend(); ++it)
    if (Matches(*it, f)) out.push_back(*it);
  // Highest id first already: a stable sort keeps that among equal times.
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.last_seen > b.last_seen; });
  return Window(std::move(out), f.limit);
}

Result<std::optional<AlertRecord>> MemoryTx::FindAlert(std::int64_t id) {
  auto* a = FindById(t_, id);
  if (!a) return std::optional<AlertRecord>();
  return std::optional<AlertRecord>(*a);
}

Result<std::optional<std::string>> MemoryTx::AlertGroupHolder(const std::string& integration,
                                                              const std::string& group_key) {
  const Tables::GroupHolder* newest = nullptr;
  for (const auto& h : t_.holders)
    if (h.integration == integration && h.group_key == group_key &&
        (!newest || h.attached_at >= newest->attached_at))
      newest = &h;
  if (!newest) return std::optional<std::string>();
  return std::optional<std::string>(newest->incident_id);
}

Result<std::pair<std::int64_t, std::int64_t>> MemoryTx::CountFiringAlerts(
    const std::string& incident_id, const std::string& integration, const std::string& group_key) {
  std::int64_t group = 0, all = 0;
  for (const auto& a : t_.alerts) {
    if (a.incident_id != incident_id || incident_id.empty() || !IsOpen(a)) continue;
    ++all;
    if (a.integration == integration && a.group_key == group_key) ++group;
  }
  return std::pair{group, all};
}

Result<std::optional<TimePoint>> MemoryTx::OpenAlertStart(const std::string& integration,
                                                          const std::string& key) {
  std::optional<TimePoint> start;
  for (const auto& a : t_.alerts)
    if (a.integration == integration && a.alert_key == key && IsOpen(a) &&
        (!start || a.starts_at > *start))
      start = a.starts_at;
  return start;
}

Result<AlertUpsert> MemoryTx::UpsertAlert(const AlertRecord& a) {
  AlertUpsert out;
  for (auto& s : t_.alerts) {
    if (s.integration != a.integration || s.alert_key != a.alert_key || s.starts_at != a.starts_at)
      continue;
    out.previous_status = s.status;
    ApplyRepeat(s, a);
    out.alert = s;
    return out;
  }
  AlertRecord stored = a;
  stored.id = static_cast<std::int64_t>(t_.alerts.size()) + 1;
  stored.fire_count = 1;
  stored.incident_id.clear();
  stored.triaged_by.clear();
  stored.triaged_at.reset();
  stored.triage_note.clear();
  stored.match_open = false;
  t_.alerts.push_back(stored);
  out.alert = a;
  out.alert.id = stored.id;
  out.alert.fire_count = 1;
  out.alert.incident_id.clear();
  out.created = true;
  return out;
}

Result<bool> MemoryTx::RepeatFiring(const AlertRecord& a) {
  for (auto& s : t_.alerts) {
    if (s.integration != a.integration || s.alert_key != a.alert_key || s.starts_at != a.starts_at)
      continue;
    ApplyRepeat(s, a);
    return true;
  }
  return false;
}

Result<bool> MemoryTx::RepeatOpenFiring(const AlertRecord& a) {
  AlertRecord* newest = nullptr;
  for (auto& s : t_.alerts)
    if (s.integration == a.integration && s.alert_key == a.alert_key && IsOpen(s) &&
        (!newest || s.starts_at > newest->starts_at))
      newest = &s;
  if (!newest) return false;
  ApplyRepeat(*newest, a);
  return true;
}

Outcome MemoryTx::SetAlertDisposition(const std::vector<std::int64_t>& ids,
                                      const AlertDisposition& d) {
  for (std::int64_t id : ids) {
    AlertRecord* a = FindById(t_, id);
    if (!a) continue;
    a->disposition = d.disposition;
    a->incident_id = d.incident_id;
    if (!d.route.empty()) a->route = d.route;
    if (d.by.empty()) continue;
    a->triaged_by = d.by;
    a->triaged_at = d.at;
    a->triage_note = d.note;
  }
  return Success();
}

Outcome MemoryTx::AddAlertGroupHolder(const std::string& integration, const std::string& group_key,
                                      const std::string& incident_id, TimePoint at) {
  for (const auto& h : t_.holders)
    if (h.integration == integration && h.group_key == group_key && h.incident_id == incident_id)
      return Success();
  t_.holders.push_back({integration, group_key, incident_id, at});
  return Success();
}

}  // namespace warroom::store::memory
