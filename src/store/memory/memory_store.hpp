#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include "store/memory/memory_tables.hpp"
#include "store/store.hpp"

namespace warroom::store::memory {

// The in-memory twin of the store port, for engine unit tests and tools
// that need no file: the SQLite adapter's semantics (the contract suite,
// store_contract_test.cpp, runs against both) without durability.
//
// Threads: none of its own. A write runs on the caller's thread, serialised
// with every other write and read by one mutex, against a copy of the
// tables that replaces them only when the write succeeds (a failing write
// leaves nothing: the twin's savepoint). `done` is then called on the
// caller's thread, outside the lock, before WriteIn returns: "durable" here
// means "visible to every later read". A write or read started from inside
// another's `fn` (which would deadlock on the mutex) is queued instead and
// runs, with its `done`, right after the outer one answers, on its thread.
// Each write copies the tables: O(stored rows), fine for tests.
class MemoryStore final : public Store {
 public:
  MemoryStore() = default;
  ~MemoryStore() override = default;

  // A lane refuses writes (kResourceExhausted) while `limit` writes of it are
  // waiting for the mutex or running; the default bounds are the SQLite
  // adapter's.
  void WriteIn(Lane lane, WriteFn fn, DoneFn done) override;
  void SetLaneLimit(Lane lane, std::size_t limit) override;
  void Read(ReadFn fn, DoneFn done) override;
  // Later writes and reads are answered kUnavailable.
  void Close() override;

  // Writes committed so far (each write is its own transaction).
  std::uint64_t commits() const;

 private:
  // Runs queued nested calls after the outermost call on this thread answered.
  void DrainNested();

  mutable std::mutex mu_;  // guards everything below except tables_
  std::mutex tables_mu_;   // held while a write or read runs
  Tables tables_;
  std::size_t waiting_[2] = {0, 0};
  std::size_t limit_[2] = {20000, 4096};
  bool closing_ = false;
  std::uint64_t commits_ = 0;
  std::deque<std::function<void()>> nested_;
};

}  // namespace warroom::store::memory
