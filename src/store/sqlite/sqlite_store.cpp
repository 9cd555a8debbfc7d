#include "store/sqlite/sqlite_store.hpp"

#include <spdlog/spdlog.h>

#include "store/sqlite/sqlite_tx.hpp"

namespace warroom::store::sqlite {

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  WARROOM_ASSIGN_OR_RETURN(auto writer, Connection::Open(path, false));
  WARROOM_RETURN_IF_ERROR(Migrate(*writer));
  auto store = std::unique_ptr<SqliteStore>(new SqliteStore(path));
  for (int i = 0; i < config::kReaders; ++i) {
    WARROOM_ASSIGN_OR_RETURN(auto reader, Connection::Open(path, true));
    store->readers_.emplace_back(
        [s = store.get(), c = std::move(reader)]() mutable { s->ReaderLoop(std::move(c)); });
  }
  store->writer_ = std::thread(
      [s = store.get(), c = std::move(writer)]() mutable { s->WriterLoop(std::move(c)); });
  return store;
}

SqliteStore::~SqliteStore() { Close(); }

void SqliteStore::WriteIn(Lane lane, WriteFn fn, DoneFn done) {
  auto l = static_cast<int>(lane);
  {
    std::lock_guard lock(mu_);
    if (closing_) {
      done(Error::Unavailable("the server is shutting down: retry against another instance"));
      return;
    }
    if (waiting_[l] >= limit_[l]) {
      done(Error::ResourceExhausted(
          std::string(lane == Lane::kIngest ? "the alert ingest queue" : "the write queue") +
          " is full (" + std::to_string(limit_[l]) + " waiting): retry shortly"));
      return;
    }
    ++waiting_[l];
    writes_.push_back(Job{[fn = std::move(fn)](void* tx) { return fn(*static_cast<WriteTx*>(tx)); },
                          std::move(done), lane});
  }
  write_cv_.notify_one();
}

void SqliteStore::SetLaneLimit(Lane lane, std::size_t limit) {
  std::lock_guard lock(mu_);
  limit_[static_cast<int>(lane)] = limit;
}

void SqliteStore::Read(ReadFn fn, DoneFn done) {
  {
    std::lock_guard lock(mu_);
    if (closing_) {
      done(Error::Unavailable("the server is shutting down: retry against another instance"));
      return;
    }
    if (reads_.size() >= config::kReadQueueLimit) {
      done(Error::ResourceExhausted("the read queue is full: retry shortly"));
      return;
    }
    reads_.push_back(Job{[fn = std::move(fn)](void* tx) { return fn(*static_cast<ReadTx*>(tx)); },
                         std::move(done)});
  }
  read_cv_.notify_one();
}

void SqliteStore::Close() {
  {
    std::lock_guard lock(mu_);
    if (closing_ && !writer_.joinable()) return;
    closing_ = true;
  }
  write_cv_.notify_all();
  read_cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  for (auto& r : readers_)
    if (r.joinable()) r.join();
  readers_.clear();
}

std::uint64_t SqliteStore::commits() const {
  std::lock_guard lock(const_cast<std::mutex&>(mu_));
  return commits_;
}

void SqliteStore::WriterLoop(std::unique_ptr<Connection> conn) {
  SqliteTx tx(*conn);
  std::vector<Job> batch;
  for (;;) {
    bool probe = false;
    {
      std::unique_lock lock(mu_);
      auto ready = [&] { return closing_ || !writes_.empty(); };
      if (write_failure_) {
        // Failing for storage: an idle writer probes now and then.
        probe = !write_cv_.wait_for(lock, config::kStorageProbeInterval, ready);
      } else {
        write_cv_.wait(lock, ready);
      }
      if (writes_.empty() && closing_) return;
      while (!writes_.empty() && batch.size() < config::kMaxBatch) {
        --waiting_[static_cast<int>(writes_.front().lane)];
        batch.push_back(std::move(writes_.front()));
        writes_.pop_front();
      }
    }
    if (probe) {
      ProbeWrite(*conn);
      continue;
    }
    CommitBatch(*conn, tx, batch);
    batch.clear();
  }
}

void SqliteStore::CommitBatch(Connection& conn, SqliteTx& tx, std::vector<Job>& batch) {
  (void)conn.TakeStorageFailure();
  // Group commit: every waiting write in one transaction, each in its own
  // savepoint so a failing write rolls back alone.
  std::vector<Outcome> results;
  results.reserve(batch.size());
  Outcome begun = conn.ExecCached("BEGIN IMMEDIATE");
  if (!begun.ok()) {
    NoteWriteHealth(conn.TakeStorageFailure(), false, batch.size());
    for (auto& job : batch) job.done(begun);
    return;
  }
  // Set when SQLite rolled the whole transaction back by itself (it may on
  // a full disk or an I/O error): the rest of the batch is refused, not
  // run outside a transaction.
  std::optional<Error> aborted;
  for (auto& job : batch) {
    if (aborted) {
      results.push_back(*aborted);
      continue;
    }
    (void)conn.ExecCached("SAVEPOINT w");
    tx.BeginWrite();
    Outcome r = Error::Internal("write threw");
    try {
      r = job.fn(&tx);
    } catch (const std::exception& ex) {
      r = Error::Internal(std::string("write failed: ") + ex.what());
    }
    if (sqlite3_get_autocommit(conn.get())) {
      aborted = r.ok() ? Error::Unavailable(
                             "database write failed: the transaction was rolled "
                             "back by the database: retry later")
                       : r.error();
      for (auto& earlier : results)
        if (earlier.ok()) earlier = *aborted;
      results.push_back(*aborted);
      continue;
    }
    tx.EndWrite(r.ok());
    if (r.ok()) {
      (void)conn.ExecCached("RELEASE w");
    } else {
      (void)conn.ExecCached("ROLLBACK TO w");
      (void)conn.ExecCached("RELEASE w");
    }
    results.push_back(std::move(r));
  }
  Outcome committed = aborted ? Outcome(*aborted) : tx.FlushReports();
  if (committed.ok()) committed = conn.ExecCached("COMMIT");
  tx.DropReports();  // after an abort or a failed flush: nothing of them is kept
  if (!committed.ok()) {
    if (!sqlite3_get_autocommit(conn.get())) (void)conn.Exec("ROLLBACK");
    for (auto& r : results)
      if (r.ok()) r = committed;
  }
  NoteWriteHealth(conn.TakeStorageFailure(), committed.ok(), batch.size());
  {
    std::lock_guard lock(mu_);
    ++commits_;
  }
  // Answer only after the commit is durable (synchronous=FULL).
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
}

void SqliteStore::ProbeWrite(Connection& conn) {
  (void)conn.TakeStorageFailure();
  bool ok = false;
  if (conn.ExecCached("BEGIN IMMEDIATE").ok()) {
    std::int64_t version = 0;
    {
      Stmt q(conn, "PRAGMA user_version");
      if (q.Step()) version = q.Int(0);
    }
    // Rewriting the cookie with its own value writes page 1: a real write
    // through the WAL, and no change to anything.
    ok = conn.Exec("PRAGMA user_version = " + std::to_string(version)).ok() &&
         conn.ExecCached("COMMIT").ok();
    if (!ok && !sqlite3_get_autocommit(conn.get())) (void)conn.Exec("ROLLBACK");
  }
  NoteWriteHealth(conn.TakeStorageFailure(), ok, 0);
}

std::optional<std::string> SqliteStore::WriteFailure() const {
  std::lock_guard lock(const_cast<std::mutex&>(mu_));
  return write_failure_;
}

void SqliteStore::NoteWriteHealth(int failure, bool committed, std::size_t writes) {
  auto now = std::chrono::steady_clock::now();
  std::unique_lock lock(mu_);
  if (failure != SQLITE_OK) {
    bool first = !write_failure_;
    std::string what = StorageFailureWhat(failure);
    if (first) {
      failing_since_ = now;
      refused_ = 0;
    }
    write_failure_ = "database writes fail: " + what;
    refused_ += writes;
    refused_unlogged_ += writes;
    if (first || now - last_logged_ >= config::kStorageLogInterval) {
      last_logged_ = now;
      auto secs = std::chrono::duration_cast<std::chrono::seconds>(now - failing_since_).count();
      std::uint64_t refused = refused_, unlogged = refused_unlogged_;
      refused_unlogged_ = 0;
      lock.unlock();
      spdlog::error(
          "database write failed: {} at {}; free space, fix the file system or the file's "
          "permissions, or move the database; writes are refused (503) and /readyz is not ready "
          "until one succeeds ({} write(s) refused in {} s, {} since the last report)",
          what, path_, refused, secs, unlogged);
    }
    return;
  }
  if (committed && write_failure_) {
    auto secs = std::chrono::duration_cast<std::chrono::seconds>(now - failing_since_).count();
    std::uint64_t refused = refused_;
    write_failure_.reset();
    refused_ = refused_unlogged_ = 0;
    lock.unlock();
    spdlog::info("database writes succeed again at {} after {} s ({} write(s) were refused)", path_,
                 secs, refused);
  }
}

void SqliteStore::ReaderLoop(std::unique_ptr<Connection> conn) {
  SqliteTx tx(*conn);
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mu_);
      read_cv_.wait(lock, [&] { return closing_ || !reads_.empty(); });
      if (reads_.empty() && closing_) return;
      job = std::move(reads_.front());
      reads_.pop_front();
    }
    // A read sees one consistent snapshot.
    (void)conn->ExecCached("BEGIN");
    Outcome r = Error::Internal("read threw");
    try {
      r = job.fn(&tx);
    } catch (const std::exception& ex) {
      r = Error::Internal(std::string("read failed: ") + ex.what());
    }
    (void)conn->ExecCached("COMMIT");
    job.done(std::move(r));
  }
}

}  // namespace warroom::store::sqlite
