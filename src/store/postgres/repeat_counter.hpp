#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/time.hpp"

namespace warroom::store::postgres {

// Firing reports that repeat an alert (AlertWrites::RepeatFiring and
// RepeatOpenFiring), counted in memory for the transaction and written
// once per alert before COMMIT. Senders re-send the same alerts all the
// time (Alertmanager every group_interval, for each of its replicas): with
// one UPDATE per report, a group commit of 64 batches updated each row 64
// times in one transaction, which PostgreSQL keeps as 64 row versions (and
// index entries) that nothing may prune before the COMMIT; ingest of
// repeats fell to a few thousand alerts a second. Here a row is looked up
// once per transaction and updated once.
//
// The writer brackets each write (BeginWrite, EndWrite with whether it is
// kept). Before any other statement on the alerts table the adapter writes
// what is pending (Take) and forgets its lookups (a status change or a new
// alert changes what a key finds); if the running write is then rolled
// back to its savepoint, the kept writes' counts it took are pending again.
class RepeatCounter {
 public:
  struct Pending {
    std::int64_t id = 0;
    std::int64_t count = 0;
    TimePoint last_seen;
    std::string annotations;  // of the last report counted
    std::string summary;
  };

  // The alert a lookup of `key` found earlier in this transaction.
  std::optional<std::int64_t> Find(const std::string& key) const;
  void Remember(const std::string& key, std::int64_t id) { found_[key] = id; }
  // One report counted against alert `id`, in the running write.
  void Count(std::int64_t id, TimePoint last_seen, const std::string& annotations,
             const std::string& summary);

  void BeginWrite();
  void EndWrite(bool kept);
  // Everything pending (the kept writes' and the running write's), one per
  // alert, in id order; the counter then holds none and no lookups.
  std::vector<Pending> Take();
  // After the commit, an abort or a failed flush.
  void Clear();

 private:
  static void Add(std::map<std::int64_t, Pending>& into, const Pending& p);

  std::unordered_map<std::string, std::int64_t> found_;
  std::map<std::int64_t, Pending> batch_;  // the kept writes'
  std::map<std::int64_t, Pending> write_;  // the running write's
  // The kept writes' counts taken during the running write: written inside
  // its savepoint, so undone with it.
  std::map<std::int64_t, Pending> taken_in_write_;
};

}  // namespace warroom::store::postgres
