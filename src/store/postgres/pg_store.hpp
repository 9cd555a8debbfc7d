#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/job_queues.hpp"
#include "store/postgres/pg.hpp"
#include "store/store.hpp"
#include "store/write_health.hpp"

namespace warroom::store::postgres {

// Tuning numbers of the PostgreSQL adapter, in one place: the connection
// pool's bounds and how long work waits for a lost database.
namespace config {
// Writes waiting for the writer, per lane; beyond this the server answers 503.
inline constexpr std::size_t kWriteQueueLimit = 20000;
inline constexpr std::size_t kIngestQueueLimit = 4096;
// Reads waiting for a reader; beyond this the server answers 503.
inline constexpr std::size_t kReadQueueLimit = 20000;
// Writes folded into one transaction (one commit) at most.
inline constexpr std::size_t kMaxBatch = 1024;
// Connections of one instance: one writer and this many readers.
inline constexpr int kReaders = 4;
// A write or read whose connection is lost is run again on a new one
// until this long after it was first tried, then answered 503.
inline constexpr auto kRetryWithin = std::chrono::seconds(10);
// Between attempts to reconnect.
inline constexpr auto kReconnectPause = std::chrono::milliseconds(250);
// While writes fail, the idle writer tries one of its own this often.
inline constexpr auto kProbeInterval = std::chrono::seconds(2);
}  // namespace config

// pg_advisory_xact_lock's key taken by every writer transaction of every
// instance: writes are serialised across instances as the Store port
// promises (one at a time, each seeing every earlier one), so the global
// sequence is assigned in commit order and gap-free, and no two writers
// deadlock. Group commit keeps the throughput, and the lock is held only
// until the batch's COMMIT, which does not wait for the disk: the batch is
// made durable after it (pg_store.cpp's DurableMark), outside the lock, so
// that instances share the disk's flushes instead of queueing for them.
inline constexpr std::int64_t kWriterLock = 0x7761'7272'7772'6974;  // "warrwrit"

class PgTx;

// The PostgreSQL adapter: one writer connection that group-commits every
// waiting write (each in its own savepoint) under the writers' lock, and a
// pool of read connections, each read in one REPEATABLE READ snapshot.
//
// A write is answered once its batch is durable: committed without waiting
// for the disk, then flushed by a transaction of the writer's own that
// waits (the WAL and the synchronous standby, as the server is configured).
// A read may see a batch in between (store.hpp's Read).
//
// A lost connection is reopened. A batch whose connection was lost before
// its COMMIT was sent is run again, whole, on the new one (nothing of it was
// committed); one lost during the COMMIT is answered kUnavailable saying the
// outcome is unknown (the API's Idempotency-Key makes the retry safe).
class PgStore final : public Store {
 public:
  // Connects (a libpq URI or key=value string), applies the migrations and
  // starts the writer and the readers.
  static Result<std::unique_ptr<PgStore>> Open(const std::string& conninfo);
  ~PgStore() override;

  void WriteIn(Lane lane, WriteFn fn, DoneFn done) override;
  void WriteFor(const std::string& incident_id, std::int64_t known_seq, WriteFn fn,
                DoneFn done) override;
  void SetLaneLimit(Lane lane, std::size_t limit) override;
  void Read(ReadFn fn, DoneFn done) override;
  void Close() override;

  std::uint64_t commits() const;
  // Why writes fail, while they do (the database unreachable, read-only, a
  // full disk); nullopt once one succeeds. `/readyz` answers 503 with it.
  std::optional<std::string> WriteFailure() const override { return health_.Failure(); }
  // The server as logs name it: host, port and database, never a password.
  const std::string& where() const { return where_; }

 private:
  using Job = JobQueues::Job;
  PgStore(std::string conninfo, std::string where);
  // How one attempt at a batch ended.
  struct Attempt {
    bool lost = false;       // the connection was lost before COMMIT was sent: run it again
    bool committed = false;  // COMMIT succeeded
    // What made the database unwritable (for WriteHealth), if anything did.
    std::optional<std::string> failure;
  };
  void WriterLoop(std::unique_ptr<Connection> conn);
  void CommitBatch(std::unique_ptr<Connection>& conn, std::vector<Job>& batch);
  // Runs the batch on `conn`, each job's answer into `results` (unless lost).
  Attempt TryBatch(Connection& conn, std::vector<Job>& batch, std::vector<Outcome>& results);
  // A write of the writer's own while writes fail: the lock taken and
  // released, so readiness returns without waiting for a client's write.
  void Probe(std::unique_ptr<Connection>& conn);
  void ReaderLoop(std::unique_ptr<Connection> conn);
  // The answer of one read, run again on a new connection when its own is
  // lost, until config::kRetryWithin.
  Outcome RunRead(std::unique_ptr<Connection>& conn, Job& job);
  // A working connection in `conn` (reopened when lost), or false when none
  // could be opened before `deadline` or the store is closing.
  bool Reconnect(std::unique_ptr<Connection>& conn, std::chrono::steady_clock::time_point deadline,
                 Error* why);

  const std::string conninfo_;
  const std::string where_;
  JobQueues queues_;
  WriteHealth health_;
  std::mutex mu_;  // closed_, commits_
  bool closed_ = false;
  std::uint64_t commits_ = 0;
  std::thread writer_;
  std::vector<std::thread> readers_;
};

}  // namespace warroom::store::postgres
