#include "store/postgres/repeat_counter.hpp"

namespace warroom::store::postgres {

std::optional<std::int64_t> RepeatCounter::Find(const std::string& key) const {
  auto it = found_.find(key);
  if (it == found_.end()) return std::nullopt;
  return it->second;
}

void RepeatCounter::Count(std::int64_t id, TimePoint last_seen, const std::string& annotations,
                          const std::string& summary) {
  Add(write_, Pending{id, 1, last_seen, annotations, summary});
}

// Counts add up, the latest time wins, and the text of the later report
// (`p`, counted after what `into` holds) replaces the earlier.
void RepeatCounter::Add(std::map<std::int64_t, Pending>& into, const Pending& p) {
  auto [it, inserted] = into.try_emplace(p.id, p);
  if (inserted) return;
  Pending& q = it->second;
  q.count += p.count;
  if (p.last_seen > q.last_seen) q.last_seen = p.last_seen;
  q.annotations = p.annotations;
  q.summary = p.summary;
}

void RepeatCounter::BeginWrite() {
  write_.clear();
  taken_in_write_.clear();
}

void RepeatCounter::EndWrite(bool kept) {
  if (kept) {
    for (const auto& [id, p] : write_) Add(batch_, p);
  } else {
    // What the write took of the kept writes' counts was written inside
    // its savepoint and is undone: pending again, before anything counted
    // since (nothing: the write is over). Its lookups may name alerts it
    // inserted.
    std::map<std::int64_t, Pending> again = std::move(taken_in_write_);
    for (const auto& [id, p] : batch_) Add(again, p);
    batch_ = std::move(again);
    found_.clear();
  }
  write_.clear();
  taken_in_write_.clear();
}

std::vector<RepeatCounter::Pending> RepeatCounter::Take() {
  std::map<std::int64_t, Pending> all = batch_;
  for (const auto& [id, p] : write_) Add(all, p);
  for (const auto& [id, p] : batch_) Add(taken_in_write_, p);
  batch_.clear();
  write_.clear();
  found_.clear();
  std::vector<Pending> out;
  out.reserve(all.size());
  for (auto& [id, p] : all) out.push_back(std::move(p));
  return out;
}

void RepeatCounter::Clear() {
  found_.clear();
  batch_.clear();
  write_.clear();
  taken_in_write_.clear();
}

}  // namespace warroom::store::postgres
