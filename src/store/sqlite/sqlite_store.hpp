#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/sqlite/db.hpp"
#include "store/store.hpp"

namespace warroom::store::sqlite {

// Tuning numbers of the SQLite adapter, in one place.
namespace config {
// Writes waiting for the writer; beyond this the server answers 503.
inline constexpr std::size_t kWriteQueueLimit = 20000;
// Writes folded into one transaction (one fsync) at most.
inline constexpr std::size_t kMaxBatch = 1024;
// Reads waiting for a reader; beyond this the server answers 503.
inline constexpr std::size_t kReadQueueLimit = 20000;
// Read connections (WAL lets them proceed while the writer commits).
inline constexpr int kReaders = 2;
}  // namespace config

// The SQLite adapter: one writer thread that group-commits every waiting
// write (each in its own savepoint), and a small pool of read connections.
class SqliteStore final : public Store {
 public:
  // Opens (creating when needed) the database at `path` and applies migrations.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore() override;

  void Write(WriteFn fn, DoneFn done) override;
  void Read(ReadFn fn, DoneFn done) override;
  void Close() override;

  // Counters for benchmarks and tests.
  std::uint64_t commits() const;

 private:
  struct Job {
    std::function<Outcome(void*)> fn;
    DoneFn done;
  };
  explicit SqliteStore(std::string path) : path_(std::move(path)) {}
  void WriterLoop(std::unique_ptr<Connection> conn);
  void ReaderLoop(std::unique_ptr<Connection> conn);

  std::string path_;
  std::mutex mu_;
  std::condition_variable write_cv_;
  std::condition_variable read_cv_;
  std::deque<Job> writes_;
  std::deque<Job> reads_;
  bool closing_ = false;
  std::uint64_t commits_ = 0;
  std::thread writer_;
  std::vector<std::thread> readers_;
};

}  // namespace warroom::store::sqlite
