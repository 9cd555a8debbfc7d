#include "store/job_queues.hpp"

#include <string>

namespace warroom::store {

void JobQueues::PushWrite(Store::Lane lane, WriteFn fn, DoneFn done, std::string incident_id,
                          std::int64_t known_seq) {
  auto l = static_cast<int>(lane);
  {
    std::lock_guard lock(mu_);
    if (closing_) {
      done(Error::Unavailable("the server is shutting down: retry against another instance"));
      return;
    }
    if (waiting_[l] >= limit_[l]) {
      done(Error::ResourceExhausted(
          std::string(lane == Store::Lane::kIngest ? "the alert ingest queue" : "the write queue") +
          " is full (" + std::to_string(limit_[l]) + " waiting): retry shortly"));
      return;
    }
    ++waiting_[l];
    writes_.push_back(Job{[fn = std::move(fn)](void* tx) { return fn(*static_cast<WriteTx*>(tx)); },
                          std::move(done), lane, std::move(incident_id), known_seq});
  }
  write_cv_.notify_one();
}

void JobQueues::PushRead(ReadFn fn, DoneFn done) {
  {
    std::lock_guard lock(mu_);
    if (closing_) {
      done(Error::Unavailable("the server is shutting down: retry against another instance"));
      return;
    }
    if (reads_.size() >= read_limit_) {
      done(Error::ResourceExhausted("the read queue is full: retry shortly"));
      return;
    }
    reads_.push_back(Job{[fn = std::move(fn)](void* tx) { return fn(*static_cast<ReadTx*>(tx)); },
                         std::move(done),
                         Store::Lane::kCommands,
                         {},
                         0});
  }
  read_cv_.notify_one();
}

void JobQueues::SetLaneLimit(Store::Lane lane, std::size_t limit) {
  std::lock_guard lock(mu_);
  limit_[static_cast<int>(lane)] = limit;
}

JobQueues::Taken JobQueues::TakeWrites(std::vector<Job>& batch, std::size_t max,
                                       std::chrono::milliseconds idle_after) {
  std::unique_lock lock(mu_);
  auto ready = [&] { return closing_ || !writes_.empty(); };
  if (idle_after.count() > 0) {
    if (!write_cv_.wait_for(lock, idle_after, ready)) return Taken::kIdle;
  } else {
    write_cv_.wait(lock, ready);
  }
  if (writes_.empty()) return Taken::kClosed;
  while (!writes_.empty() && batch.size() < max) {
    --waiting_[static_cast<int>(writes_.front().lane)];
    batch.push_back(std::move(writes_.front()));
    writes_.pop_front();
  }
  return Taken::kWork;
}

bool JobQueues::TakeRead(Job& job) {
  std::unique_lock lock(mu_);
  read_cv_.wait(lock, [&] { return closing_ || !reads_.empty(); });
  if (reads_.empty()) return false;
  job = std::move(reads_.front());
  reads_.pop_front();
  return true;
}

void JobQueues::Close() {
  {
    std::lock_guard lock(mu_);
    closing_ = true;
  }
  write_cv_.notify_all();
  read_cv_.notify_all();
}

bool JobQueues::closing() const {
  std::lock_guard lock(mu_);
  return closing_;
}

}  // namespace warroom::store
