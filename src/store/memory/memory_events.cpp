// The log, checkpoints, policies and incidents of the memory twin.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "store/event_chain.hpp"
#include "store/incident_rows.hpp"
#include "store/memory/memory_tx.hpp"
#include "store/memory/window.hpp"

namespace warroom::store::memory {
namespace {

// SQLite's LIKE: ASCII letters match in any case.
std::string AsciiLower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return AsciiLower(haystack).find(AsciiLower(needle)) != std::string::npos;
}

bool IsParticipant(const IncidentRow& r, const std::string& viewer) {
  return std::find(r.participants.begin(), r.participants.end(), viewer) != r.participants.end();
}

bool Matches(const IncidentRow& r, const IncidentFilter& f) {
  if (f.frozen && r.frozen != *f.frozen) return false;
  if (f.open && r.open != *f.open) return false;
  if (f.severity && r.severity != *f.severity) return false;
  if (f.status && r.status != *f.status) return false;
  if (!f.text.empty() && !Contains(r.summary, f.text) && !Contains(r.id, f.text)) return false;
  if (!f.viewer_is_admin && !f.ignore_visibility && r.visibility != core::Visibility::kPublic &&
      !IsParticipant(r, f.viewer))
    return false;
  return true;
}

}  // namespace

Result<std::vector<StoredEvent>> MemoryTx::LoadEventsAfter(const std::string& incident_id,
                                                           std::int64_t after_seq) {
  auto it = t_.chains.find(incident_id);
  if (it == t_.chains.end()) return std::vector<StoredEvent>{};
  std::vector<StoredEvent> out;
  for (const StoredEvent& e : it->second)
    if (e.incident_seq > after_seq) out.push_back(e);
  return out;
}

Result<std::vector<StoredEvent>> MemoryTx::LoadLogAfter(std::int64_t after_global_seq, int limit) {
  std::vector<StoredEvent> out;
  for (const auto& [id, chain] : t_.chains)
    for (const StoredEvent& e : chain)
      if (e.global_seq > after_global_seq) out.push_back(e);
  std::sort(out.begin(), out.end(),
            [](const StoredEvent& a, const StoredEvent& b) { return a.global_seq < b.global_seq; });
  if (out.size() > static_cast<std::size_t>(std::max(limit, 0))) out.resize(std::max(limit, 0));
  return out;
}

Result<std::optional<std::pair<std::int64_t, Hash>>> MemoryTx::ChainHead(
    const std::string& incident_id) {
  auto it = t_.chains.find(incident_id);
  if (it == t_.chains.end() || it->second.empty())
    return std::optional<std::pair<std::int64_t, Hash>>();
  const StoredEvent& last = it->second.back();
  return std::optional<std::pair<std::int64_t, Hash>>(std::pair{last.incident_seq, last.hash});
}

Result<std::int64_t> MemoryTx::LastGlobalSeq() { return t_.last_global_seq; }

Result<ChainHeads> MemoryTx::LoadChainHeads() {
  ChainHeads heads;
  for (const auto& [id, chain] : t_.chains)
    if (!chain.empty()) heads[id] = {chain.back().incident_seq, chain.back().hash};
  return heads;
}

Result<std::optional<Checkpoint>> MemoryTx::LastCheckpoint() {
  if (t_.checkpoints.empty()) return std::optional<Checkpoint>();
  return std::optional<Checkpoint>(t_.checkpoints.back());
}

Result<StoredEvent> MemoryTx::Append(const NewEvent& ne, std::int64_t expected_seq) {
  std::vector<StoredEvent>& chain = t_.chains[ne.incident_id];
  std::int64_t last = chain.empty() ? 0 : chain.back().incident_seq;
  if (last != expected_seq) {
    if (chain.empty()) t_.chains.erase(ne.incident_id);
    return StaleAppend(ne.incident_id, last, expected_seq);
  }
  StoredEvent e = ChainedEvent(ne, t_.last_global_seq + 1, last + 1,
                               chain.empty() ? Hash{} : chain.back().hash);
  t_.last_global_seq = e.global_seq;
  chain.push_back(e);
  return e;
}

Outcome MemoryTx::InsertCheckpoint(const Checkpoint& c) {
  Checkpoint stored = c;
  stored.id = static_cast<std::int64_t>(t_.checkpoints.size()) + 1;
  t_.checkpoints.push_back(stored);
  return Success();
}

Result<std::vector<std::pair<std::string, std::string>>> MemoryTx::LoadPolicies() {
  std::vector<Tables::PolicyVersion> sorted = t_.policies;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.recorded_at < b.recorded_at; });
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& p : sorted) out.emplace_back(p.version, p.yaml);
  return out;
}

Outcome MemoryTx::RecordPolicy(const std::string& version, const std::string& yaml, TimePoint at) {
  for (const auto& p : t_.policies) {
    if (p.version != version) continue;
    if (p.yaml == yaml) return Success();
    return Error::AlreadyExists(
        "policy version '" + version +
        "' was recorded earlier with different content: give the changed policy a "
        "new version");
  }
  t_.policies.push_back({version, yaml, at});
  return Success();
}

Result<std::vector<IncidentRow>> MemoryTx::ListIncidents(const IncidentFilter& f) {
  std::vector<IncidentRow> rows;
  // Newest insertion first, then a stable sort: ties keep the later declared first.
  for (auto it = t_.incidents.rbegin(); it != t_.incidents.rend(); ++it)
    if (Matches(*it, f)) rows.push_back(*it);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.declared_at > b.declared_at; });
  return Window(std::move(rows), f.limit, f.offset);
}

Result<std::string> MemoryTx::NextIncidentId(TimePoint declared_at) {
  std::string day = FormatDate(declared_at);
  return FormatIncidentId(day, ++t_.incident_counters[day]);
}

Outcome MemoryTx::UpsertIncident(const IncidentRow& row) {
  for (auto& r : t_.incidents) {
    if (r.id != row.id) continue;
    TimePoint declared = r.declared_at;
    r = row;
    r.declared_at = declared;
    return Success();
  }
  t_.incidents.push_back(row);
  return Success();
}

}  // namespace warroom::store::memory
