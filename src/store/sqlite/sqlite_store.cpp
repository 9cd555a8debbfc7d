#include "store/sqlite/sqlite_store.hpp"

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

SqliteStore::SqliteStore(std::string path)
    : path_(std::move(path)),
      queues_(config::kWriteQueueLimit, config::kIngestQueueLimit, config::kReadQueueLimit),
      health_(path_,
              "free space, fix the file system or the file's permissions, or move the database") {}

SqliteStore::~SqliteStore() { Close(); }

void SqliteStore::WriteIn(Lane lane, WriteFn fn, DoneFn done) {
  queues_.PushWrite(lane, std::move(fn), std::move(done));
}

void SqliteStore::SetLaneLimit(Lane lane, std::size_t limit) { queues_.SetLaneLimit(lane, limit); }

void SqliteStore::Read(ReadFn fn, DoneFn done) { queues_.PushRead(std::move(fn), std::move(done)); }

void SqliteStore::Close() {
  {
    std::lock_guard lock(mu_);
    if (closed_) return;
    closed_ = true;
  }
  queues_.Close();
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
    // Failing for storage: an idle writer probes now and then.
    auto idle =
        health_.failing()
            ? std::chrono::duration_cast<std::chrono::milliseconds>(config::kStorageProbeInterval)
            : std::chrono::milliseconds(0);
    switch (queues_.TakeWrites(batch, config::kMaxBatch, idle)) {
      case JobQueues::Taken::kClosed:
        return;
      case JobQueues::Taken::kIdle:
        ProbeWrite(*conn);
        continue;
      case JobQueues::Taken::kWork:
        CommitBatch(*conn, tx, batch);
        batch.clear();
    }
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

std::optional<std::string> SqliteStore::WriteFailure() const { return health_.Failure(); }

void SqliteStore::NoteWriteHealth(int failure, bool committed, std::size_t writes) {
  health_.Note(
      failure == SQLITE_OK ? std::nullopt : std::optional<std::string>(StorageFailureWhat(failure)),
      committed, writes);
}

void SqliteStore::ReaderLoop(std::unique_ptr<Connection> conn) {
  SqliteTx tx(*conn);
  for (;;) {
    Job job;  // released after each read: what its callbacks hold goes with it
    if (!queues_.TakeRead(job)) return;
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
