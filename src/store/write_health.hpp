#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace warroom::store {

// Whether an adapter's database can be written, from how its writer's
// batches went: while the last one failed for storage, Failure() says why
// (`/readyz` answers 503 with it). A failure is logged at once with the
// database's place and what an operator does about it, then at most once
// per interval with the writes refused meanwhile; the recovery is logged
// once. Thread-safe.
class WriteHealth {
 public:
  // `where`: the database as the log names it (a path; a host and port,
  // never a password). `advice`: what to do, after "; ".
  WriteHealth(std::string where, std::string advice,
              std::chrono::seconds log_interval = std::chrono::seconds(30))
      : where_(std::move(where)), advice_(std::move(advice)), log_interval_(log_interval) {}

  // After a batch of `writes` writes (0 for the writer's own probe):
  // `failure` is what made the database unwritable, for people ("the disk
  // holding the database is full"), nullopt when nothing did; `committed`
  // whether the batch committed.
  void Note(const std::optional<std::string>& failure, bool committed, std::size_t writes);
  std::optional<std::string> Failure() const;
  bool failing() const { return Failure().has_value(); }

 private:
  const std::string where_, advice_;
  const std::chrono::seconds log_interval_;
  mutable std::mutex mu_;
  std::optional<std::string> failure_;
  std::chrono::steady_clock::time_point failing_since_{}, last_logged_{};
  std::uint64_t refused_ = 0, refused_unlogged_ = 0;
};

}  // namespace warroom::store
