#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/job_queues.hpp"
#include "store/sqlite/db.hpp"
#include "store/store.hpp"
#include "store/write_health.hpp"

namespace warroom::store::sqlite {

// Tuning numbers of the SQLite adapter, in one place.
namespace config {
// Writes waiting for the writer, per lane; beyond this the server answers 503.
inline constexpr std::size_t kWriteQueueLimit = 20000;
inline constexpr std::size_t kIngestQueueLimit = 4096;
// Writes folded into one transaction (one fsync) at most.
inline constexpr std::size_t kMaxBatch = 1024;
// Reads waiting for a reader; beyond this the server answers 503.
inline constexpr std::size_t kReadQueueLimit = 20000;
// While the last write failed for storage (disk full, read-only), the idle
// writer tries a write of its own this often, so readiness comes back
// without waiting for a client's write.
inline constexpr auto kStorageProbeInterval = std::chrono::seconds(2);
// Read connections (WAL lets them proceed while the writer commits).
inline constexpr int kReaders = 2;
}  // namespace config

class SqliteTx;

// The SQLite adapter: one writer thread that group-commits every waiting
// write (each in its own savepoint), and a small pool of read connections.
class SqliteStore final : public Store {
 public:
  // Opens (creating when needed) the database at `path` and applies migrations.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore() override;

  void WriteIn(Lane lane, WriteFn fn, DoneFn done) override;
  void SetLaneLimit(Lane lane, std::size_t limit) override;
  void Read(ReadFn fn, DoneFn done) override;
  void Close() override;

  // Counters for benchmarks and tests.
  std::uint64_t commits() const;

  // Why the database cannot be written, while the last write (a client's or
  // the writer's own probe) failed with a storage failure (IsStorageFailure);
  // nullopt once a write succeeds again. `/readyz` answers 503 with it.
  std::optional<std::string> WriteFailure() const override;

 private:
  using Job = JobQueues::Job;
  explicit SqliteStore(std::string path);
  void WriterLoop(std::unique_ptr<Connection> conn);
  // One group commit: every write of `batch` in one transaction, each in its
  // own savepoint; each job's `done` once the transaction is durable.
  void CommitBatch(Connection& conn, SqliteTx& tx, std::vector<Job>& batch);
  // Records how the last batch went (on the writer thread): `failure` is the
  // storage failure it met (SQLITE_OK for none), `committed` whether it
  // committed.
  void NoteWriteHealth(int failure, bool committed, std::size_t writes);
  // A one-page write of the writer's own (the schema cookie, rewritten).
  void ProbeWrite(Connection& conn);
  void ReaderLoop(std::unique_ptr<Connection> conn);

  std::string path_;
  JobQueues queues_;
  WriteHealth health_;
  std::mutex mu_;  // close_ and commits_
  bool closed_ = false;
  std::uint64_t commits_ = 0;
  std::thread writer_;
  std::vector<std::thread> readers_;
};

}  // namespace warroom::store::sqlite
