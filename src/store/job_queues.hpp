#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace warroom::store {

// The waiting work of an adapter that runs writes on its own writer thread
// and reads on reader threads (SQLite, PostgreSQL): the write lanes, each
// with its bound, the bounded read queue, and closing. Thread-safe.
class JobQueues {
 public:
  struct Job {
    // Runs the write or read on the adapter's transaction (a WriteTx* or
    // ReadTx*, as void* so both queues share the type).
    std::function<Outcome(void*)> fn;
    DoneFn done;
    Store::Lane lane = Store::Lane::kCommands;
    std::string incident_id;     // the incident a command's write reads first, if known
    std::int64_t known_seq = 0;  // the head its writer holds the state of (0: none)
  };

  JobQueues(std::size_t commands_limit, std::size_t ingest_limit, std::size_t read_limit)
      : limit_{commands_limit, ingest_limit}, read_limit_(read_limit) {}

  // Queue a write or a read; a refused one is answered at once (through
  // `done`, on the caller's thread): kUnavailable when closing,
  // kResourceExhausted when its queue is full.
  void PushWrite(Store::Lane lane, WriteFn fn, DoneFn done, std::string incident_id = {},
                 std::int64_t known_seq = 0);
  void PushRead(ReadFn fn, DoneFn done);
  void SetLaneLimit(Store::Lane lane, std::size_t limit);

  enum class Taken { kWork, kIdle, kClosed };
  // Waits until writes wait (or, with a positive `idle_after`, that long),
  // then moves up to `max` of them, in arrival order, into `batch`. kClosed
  // once closing and nothing is left.
  Taken TakeWrites(std::vector<Job>& batch, std::size_t max,
                   std::chrono::milliseconds idle_after = std::chrono::milliseconds(0));
  // Waits for a read; false once closing and nothing is left.
  bool TakeRead(Job& job);
  // Refuses new work and wakes every waiter; what is queued is still taken.
  void Close();
  bool closing() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable write_cv_;
  std::condition_variable read_cv_;
  std::deque<Job> writes_;
  std::size_t waiting_[2] = {0, 0};
  std::size_t limit_[2];
  std::deque<Job> reads_;
  std::size_t read_limit_;
  bool closing_ = false;
};

}  // namespace warroom::store
