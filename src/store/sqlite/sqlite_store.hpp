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
// Writes waiting for the writer, per lane; beyond this the server answers 503.
inline constexpr std::size_t kWriteQueueLimit = 20000;
inline constexpr std::size_t kIngestQueueLimit = 4096;
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

  void WriteIn(Lane lane, WriteFn fn, DoneFn done) override;
  void SetLaneLimit(Lane lane, std::size_t limit) override;
  void Read(ReadFn fn, DoneFn done) override;
  void Close() override;

  // Counters for benchmarks and tests.
  std::uint64_t commits() const;

 private:
  struct Job {
    std::function<Outcome(void*)> fn;
    DoneFn done;
    Lane lane = Lane::kCommands;
  };
  explicit SqliteStore(std::string path) : path_(std::move(path)) {}
  void WriterLoop(std::unique_ptr<Connection> conn);
  void ReaderLoop(std::unique_ptr<Connection> conn);

  std::string path_;
  std::mutex mu_;
  std::condition_variable write_cv_;
  std::condition_variable read_cv_;
  std::deque<Job> writes_;
  // Writes waiting per lane, and each lane's bound.
  std::size_t waiting_[2] = {0, 0};
  std::size_t limit_[2] = {config::kWriteQueueLimit, config::kIngestQueueLimit};
  std::deque<Job> reads_;
  bool closing_ = false;
  std::uint64_t commits_ = 0;
  std::thread writer_;
  std::vector<std::thread> readers_;
};

}  // namespace warroom::store::sqlite
