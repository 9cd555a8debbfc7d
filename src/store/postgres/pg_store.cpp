#include "store/postgres/pg_store.hpp"

#include <spdlog/spdlog.h>

#include "store/postgres/pg_tx.hpp"

namespace warroom::store::postgres {
namespace {

using Clock = std::chrono::steady_clock;

// The batch commits without waiting for the disk (synchronous_commit off
// for this transaction alone), so that the writers' lock, released at
// COMMIT, is not held through a flush: two instances' batches then share
// the disk's flushes instead of taking turns. DurableMark makes it durable
// before anyone is answered.
const std::string& BeginWrite() {
  static const std::string sql =
      "BEGIN; SET LOCAL synchronous_commit = off; "
      "SELECT pg_advisory_xact_lock(" +
      std::to_string(kWriterLock) + ")";
  return sql;
}

// Sent right after the batch's COMMIT, in the same pipeline: a transaction
// of its own that writes a row (this writer's, 0005_writer_flushes.sql), so
// that its commit waits, as the server is configured (synchronous_commit:
// the WAL flushed, and the synchronous standby's confirmation when there is
// one), up to its commit record, which lies after the batch's. A
// transaction that writes nothing but its commit record would not wait:
// PostgreSQL commits it asynchronously (the fail-over test lost
// acknowledged writes when the mark was one).
const std::string& DurableMark() {
  static const std::string sql =
      "INSERT INTO writer_flushes (pid, flushes) VALUES (pg_backend_pid(), 1) "
      "ON CONFLICT (pid) DO UPDATE SET flushes = writer_flushes.flushes + 1";
  return sql;
}
constexpr int kMarkTag = -2;

// The server as a log line names it; never the password.
std::string WhereOf(const Connection& c) {
  const char* host = PQhost(c.get());
  const char* port = PQport(c.get());
  const char* db = PQdb(c.get());
  return std::string("PostgreSQL ") + (host ? host : "?") + ":" + (port ? port : "?") + "/" +
         (db ? db : "?");
}

Error LostDuringCommit() {
  return Error::Unavailable(
      "the connection to the database was lost while committing: the write may or may not "
      "have been applied; retry it with the same Idempotency-Key");
}

}  // namespace

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& conninfo) {
  WARROOM_ASSIGN_OR_RETURN(auto writer, Connection::Open(conninfo));
  WARROOM_RETURN_IF_ERROR(Migrate(*writer));
  // The marks of writers that are gone (their connections closed).
  WARROOM_RETURN_IF_ERROR(writer->Script(
      "DELETE FROM writer_flushes WHERE pid NOT IN (SELECT pid FROM pg_stat_activity)"));
  WARROOM_RETURN_IF_ERROR(writer->EnterPipeline());
  auto store = std::unique_ptr<PgStore>(new PgStore(conninfo, WhereOf(*writer)));
  for (int i = 0; i < config::kReaders; ++i) {
    WARROOM_ASSIGN_OR_RETURN(auto reader, Connection::Open(conninfo));
    WARROOM_RETURN_IF_ERROR(reader->EnterPipeline());
    store->readers_.emplace_back(
        [s = store.get(), c = std::move(reader)]() mutable { s->ReaderLoop(std::move(c)); });
  }
  store->writer_ = std::thread(
      [s = store.get(), c = std::move(writer)]() mutable { s->WriterLoop(std::move(c)); });
  return store;
}

PgStore::PgStore(std::string conninfo, std::string where)
    : conninfo_(std::move(conninfo)),
      where_(std::move(where)),
      queues_(config::kWriteQueueLimit, config::kIngestQueueLimit, config::kReadQueueLimit),
      health_(where_,
              "check that the server runs and accepts connections, that it is the primary (not "
              "a standby), and its disk space") {}

PgStore::~PgStore() { Close(); }

void PgStore::WriteIn(Lane lane, WriteFn fn, DoneFn done) {
  queues_.PushWrite(lane, std::move(fn), std::move(done));
}

void PgStore::WriteFor(const std::string& incident_id, std::int64_t known_seq, WriteFn fn,
                       DoneFn done) {
  queues_.PushWrite(Lane::kCommands, std::move(fn), std::move(done), incident_id, known_seq);
}

void PgStore::SetLaneLimit(Lane lane, std::size_t limit) { queues_.SetLaneLimit(lane, limit); }

void PgStore::Read(ReadFn fn, DoneFn done) { queues_.PushRead(std::move(fn), std::move(done)); }

void PgStore::Close() {
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

std::uint64_t PgStore::commits() const {
  std::lock_guard lock(const_cast<std::mutex&>(mu_));
  return commits_;
}

bool PgStore::Reconnect(std::unique_ptr<Connection>& conn, Clock::time_point deadline, Error* why) {
  if (conn && !conn->Broken()) return true;
  if (conn) {
    spdlog::warn("lost the connection to {}: reconnecting", WhereOf(*conn));
    conn.reset();
  }
  for (;;) {
    if (queues_.closing()) {
      *why = Error::Unavailable("the server is shutting down: retry against another instance");
      return false;
    }
    auto opened = Connection::Open(conninfo_);
    if (opened.ok()) {
      Outcome piped = (*opened)->EnterPipeline();
      if (!piped.ok()) opened = piped.error();
    }
    if (opened.ok()) {
      conn = std::move(*opened);
      // With several hosts in the URL this may be another server than
      // before (a promoted standby): the log names the one reached.
      spdlog::info("connected to {} again", WhereOf(*conn));
      return true;
    }
    *why = opened.error();
    if (Clock::now() + config::kReconnectPause > deadline) return false;
    std::this_thread::sleep_for(config::kReconnectPause);
  }
}

void PgStore::WriterLoop(std::unique_ptr<Connection> conn) {
  std::vector<Job> batch;
  for (;;) {
    auto idle = health_.failing()
                    ? std::chrono::duration_cast<std::chrono::milliseconds>(config::kProbeInterval)
                    : std::chrono::milliseconds(0);
    switch (queues_.TakeWrites(batch, config::kMaxBatch, idle)) {
      case JobQueues::Taken::kClosed:
        return;
      case JobQueues::Taken::kIdle:
        Probe(conn);
        continue;
      case JobQueues::Taken::kWork:
        CommitBatch(conn, batch);
        batch.clear();
    }
  }
}

void PgStore::CommitBatch(std::unique_ptr<Connection>& conn, std::vector<Job>& batch) {
  auto deadline = Clock::now() + config::kRetryWithin;
  std::vector<Outcome> results;
  Attempt attempt;
  for (;;) {
    Error why = Error::Unavailable("the database is unavailable: retry shortly");
    if (!Reconnect(conn, deadline, &why)) {
      Error refused = Error::Unavailable(why.message);
      health_.Note(why.message, false, batch.size());
      for (auto& job : batch) job.done(refused);
      return;
    }
    results.clear();
    attempt = TryBatch(*conn, batch, results);
    if (!attempt.lost) break;
    // Nothing of the batch was committed: it runs again, whole, on a new
    // connection (the write functions start again from what they captured).
    if (Clock::now() >= deadline) {
      Error refused = Error::Unavailable(
          "the connection to the database was lost and not regained in time: retry shortly");
      health_.Note(refused.message, false, batch.size());
      for (auto& job : batch) job.done(refused);
      return;
    }
  }
  health_.Note(attempt.failure, attempt.committed, batch.size());
  if (attempt.committed) {
    std::lock_guard lock(mu_);
    ++commits_;
  }
  // Answered only now that the batch is durable (TryBatch's DurableMark).
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
}

PgStore::Attempt PgStore::TryBatch(Connection& conn, std::vector<Job>& batch,
                                   std::vector<Outcome>& results) {
  const Attempt lost{true, false, std::nullopt};
  Attempt out;
  results.assign(batch.size(), Outcome(Error::Internal("the write did not run")));
  // Writes a statement of which the server refused: answered with that
  // failure and left out when the batch runs again.
  std::vector<bool> refused(batch.size(), false);
  // Every write still standing (not refused, answered success so far)
  // answered `e` instead: the batch's outcome is not what they were told.
  auto answer_standing = [&](const Error& e) {
    for (std::size_t i = 0; i < batch.size(); ++i)
      if (!refused[i] && results[i].ok()) results[i] = e;
    out.failure = e.message;
    return out;
  };
  // The connection was lost once the COMMIT was sent: the outcome is unknown.
  auto unknown = [&] { return answer_standing(LostDuringCommit()); };
  // Every other job refused with `e`, the transaction rolled back.
  auto refuse_all = [&](const Error& e) {
    (void)conn.Script("ROLLBACK");
    for (std::size_t i = 0; i < batch.size(); ++i)
      if (!refused[i]) results[i] = e;
    if (e.code == ErrorCode::kUnavailable) out.failure = e.message;
    return out;
  };
  // A write its function refuses has mostly written nothing (commands are
  // decided before they write): it is answered, and the batch goes on. One
  // refused after it had written is undone by running the batch again
  // without it: cheaper, for writes that mostly succeed, than a savepoint
  // around each (two statements more a write, and a subtransaction each,
  // which past 64 in a transaction slow every other session's snapshots).
  // The writer's connection is in pipeline mode: what a write sends
  // without reading rows (the event, the list row) is not
  // waited for, and the server's answers arrive with a later read. When
  // one says the server refused a statement (never for an expected reason:
  // see PgTx), the write that sent it is known by its tag; everything after
  // it in the pipeline was skipped, so the transaction is rolled back and
  // the batch runs again without that write (each write function runs
  // again from what it captured, as after a lost connection). A write
  // costs the round trips of its reads only.
  for (;;) {
    // Sent with the batch's first read (the chain heads): a failure to
    // begin or to take the lock is answered there, tagged -1.
    conn.SetTag(-1);
    Outcome begun = conn.Defer(BeginWrite());
    if (!begun.ok()) {
      if (conn.Broken()) return lost;
      return refuse_all(begun.error());
    }
    PgTx tx(conn);
    // The chain heads the batch's commands read first, and what was
    // appended since the states their instance holds, in two queries.
    std::vector<std::pair<std::string, std::int64_t>> heads;
    for (std::size_t i = 0; i < batch.size(); ++i)
      if (!refused[i] && !batch[i].incident_id.empty())
        heads.emplace_back(batch[i].incident_id, batch[i].known_seq);
    if (!heads.empty()) {
      Outcome read = tx.ReadHeads(heads);
      if (!read.ok()) {
        if (conn.Broken()) return lost;
        return refuse_all(read.error());
      }
    }
    std::optional<int> culprit;
    std::optional<std::size_t> undo;  // refused after it had written
    for (std::size_t i = 0; i < batch.size() && !culprit; ++i) {
      if (refused[i]) continue;
      conn.SetTag(static_cast<int>(i));
      const std::uint64_t wrote_before = conn.writes_sent();
      tx.BeginWrite();
      Outcome r = Error::Internal("write threw");
      try {
        r = batch[i].fn(&tx);
      } catch (const std::exception& ex) {
        r = Error::Internal(std::string("write failed: ") + ex.what());
      }
      if (conn.Broken()) return lost;
      if (conn.FailedTag()) {
        culprit = conn.FailedTag();
        break;
      }
      tx.EndWrite(r.ok());
      results[i] = std::move(r);
      if (!results[i].ok() && conn.writes_sent() != wrote_before) {
        undo = i;
        break;
      }
    }
    if (undo) {
      // Refused after it had written: only a rollback undoes that, so the
      // batch runs again without it, answered with its own refusal.
      (void)conn.Collect();
      if (conn.Broken()) return lost;
      (void)conn.Script("ROLLBACK");
      refused[*undo] = true;
      continue;
    }
    conn.SetTag(-1);
    Outcome settled = Success();
    bool commit_sent = false;
    if (!culprit) {
      // The reports, the COMMIT and the durable mark go in the same round
      // trip as everything the writes sent: when the server refuses a
      // statement, it skips the rest of the pipeline, so nothing commits.
      settled = tx.FlushReports();
      tx.DropReports();
      if (settled.ok()) settled = conn.Defer("COMMIT");
      commit_sent = settled.ok();
      conn.SetTag(kMarkTag);
      if (settled.ok()) settled = conn.Exec(DurableMark(), Params());  // prepared once
      conn.SetTag(-1);
      if (settled.ok()) settled = conn.ReadAll();
      if (conn.Broken()) return commit_sent ? unknown() : lost;
      culprit = conn.FailedTag();
    }
    if (culprit && *culprit >= 0) {
      Outcome why = conn.Collect();
      if (conn.Broken()) return lost;
      (void)conn.Script("ROLLBACK");
      refused[*culprit] = true;
      results[*culprit] = why.ok() ? Outcome(Error::Internal("the server refused the write"))
                                   : Outcome(why.error());
      continue;
    }
    if (culprit == kMarkTag) {
      // Committed, not yet known durable: the mark once more, alone.
      (void)conn.Collect();
      Outcome marked = conn.Script(DurableMark());
      if (conn.Broken()) return unknown();
      out.committed = true;
      if (marked.ok()) return out;
      return answer_standing(
          Error::Unavailable("the write was committed but its flush to disk was not confirmed (" +
                             marked.error().message + "): retry it with the same Idempotency-Key"));
    }
    if (culprit || !settled.ok()) {
      Outcome why = conn.Collect();
      if (!settled.ok()) return refuse_all(settled.error());
      return refuse_all(why.ok() ? Error::Internal("the server refused the batch") : why.error());
    }
    break;
  }
  out.committed = true;
  return out;
}

void PgStore::Probe(std::unique_ptr<Connection>& conn) {
  Error why = Error::Unavailable("");
  if (!Reconnect(conn, Clock::now(), &why)) {
    health_.Note(why.message, false, 0);
    return;
  }
  Outcome r = conn->Script(BeginWrite());
  if (r.ok()) r = conn->Script("COMMIT");
  if (!r.ok()) (void)conn->Script("ROLLBACK");
  if (r.ok()) r = conn->Script(DurableMark());  // a row written: a read-only server refuses
  health_.Note(r.ok() ? std::nullopt : std::optional<std::string>(r.error().message), r.ok(), 0);
}

void PgStore::ReaderLoop(std::unique_ptr<Connection> conn) {
  for (;;) {
    Job job;  // released after each read: what its callbacks hold goes with it
    if (!queues_.TakeRead(job)) return;
    Outcome r = RunRead(conn, job);
    job.done(std::move(r));
  }
}

Outcome PgStore::RunRead(std::unique_ptr<Connection>& conn, Job& job) {
  auto deadline = Clock::now() + config::kRetryWithin;
  for (;;) {
    Error why = Error::Unavailable("the database is unavailable: retry shortly");
    if (!Reconnect(conn, deadline, &why)) return Error::Unavailable(why.message);
    // One snapshot for the whole read. The connection is in pipeline mode:
    // the BEGIN goes with the read's first query and the COMMIT with the
    // next read's, so a read of one query costs one round trip.
    Outcome begun = conn->Defer("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    if (!begun.ok()) {
      if (conn->Broken()) continue;
      return begun;
    }
    PgTx tx(*conn);
    Outcome r = Error::Internal("read threw");
    try {
      r = job.fn(&tx);
    } catch (const std::exception& ex) {
      r = Error::Internal(std::string("read failed: ") + ex.what());
    }
    if (conn->Broken()) {
      if (Clock::now() >= deadline) return r;
      continue;  // lost mid-read: run it again on a new connection
    }
    (void)conn->Post("COMMIT");
    return r;
  }
}

}  // namespace warroom::store::postgres
