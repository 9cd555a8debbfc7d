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
    {
      std::unique_lock lock(mu_);
      write_cv_.wait(lock, [&] { return closing_ || !writes_.empty(); });
      if (writes_.empty() && closing_) return;
      while (!writes_.empty() && batch.size() < config::kMaxBatch) {
        --waiting_[static_cast<int>(writes_.front().lane)];
        batch.push_back(std::move(writes_.front()));
        writes_.pop_front();
      }
    }
    // Group commit: every waiting write in one transaction, each in its own
    // savepoint so a failing write rolls back alone.
    std::vector<Outcome> results;
    results.reserve(batch.size());
    Outcome begun = conn->ExecCached("BEGIN IMMEDIATE");
    if (!begun.ok()) {
      for (auto& job : batch) job.done(begun);
      batch.clear();
      continue;
    }
    for (auto& job : batch) {
      (void)conn->ExecCached("SAVEPOINT w");
      Outcome r = Error::Internal("write threw");
      try {
        r = job.fn(&tx);
      } catch (const std::exception& ex) {
        r = Error::Internal(std::string("write failed: ") + ex.what());
      }
      if (r.ok()) {
        (void)conn->ExecCached("RELEASE w");
      } else {
        (void)conn->ExecCached("ROLLBACK TO w");
        (void)conn->ExecCached("RELEASE w");
      }
      results.push_back(std::move(r));
    }
    Outcome committed = conn->ExecCached("COMMIT");
    if (!committed.ok()) {
      (void)conn->Exec("ROLLBACK");
      for (auto& r : results)
        if (r.ok()) r = committed;
    }
    {
      std::lock_guard lock(mu_);
      ++commits_;
    }
    // Answer only after the commit is durable (synchronous=FULL).
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
    batch.clear();
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
