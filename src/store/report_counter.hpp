#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/time.hpp"

namespace warroom::store {

// Integration reports (IntegrationWrites::RecordReport) counted in memory
// and written once per integration per group commit: every ingest request
// reports, and an UPDATE of the integration's row for each was about 9% of
// a single event's work on SQLite. The writer brackets each write
// (BeginWrite, then EndWrite with whether it is kept, so a rolled-back
// write's reports go with it) and writes batch() before COMMIT. A read in
// the same write does not see its own reports yet; no write reads them.
class ReportCounter {
 public:
  struct Pending {
    std::string integration;
    std::int64_t count = 0;
    TimePoint latest;
  };

  void Record(const std::string& integration, TimePoint at) {
    Count(write_, Pending{integration, 1, at});
  }
  void BeginWrite() { write_.clear(); }
  void EndWrite(bool kept) {
    if (kept)
      for (const Pending& r : write_) Count(batch_, r);
    write_.clear();
  }
  // The kept writes' reports of this transaction, one per integration.
  const std::vector<Pending>& batch() const { return batch_; }
  // After the commit, an abort or a failed flush: nothing of them is kept.
  void Clear() {
    write_.clear();
    batch_.clear();
  }

 private:
  static void Count(std::vector<Pending>& into, const Pending& r) {
    // A handful of integrations at most per transaction: a search beats a map.
    for (Pending& p : into)
      if (p.integration == r.integration) {
        p.count += r.count;
        if (r.latest > p.latest) p.latest = r.latest;
        return;
      }
    into.push_back(r);
  }

  std::vector<Pending> write_;  // the running write's
  std::vector<Pending> batch_;  // the kept writes' of this transaction
};

}  // namespace warroom::store
