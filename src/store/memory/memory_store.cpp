#include "store/memory/memory_store.hpp"

#include <exception>
#include <optional>
#include <string>

#include "store/memory/memory_tx.hpp"

namespace warroom::store::memory {
namespace {

// Set while this thread runs a write's or read's `fn` inside a MemoryStore.
thread_local const MemoryStore* running_in = nullptr;

struct RunningIn {
  explicit RunningIn(const MemoryStore* s) : saved(running_in) { running_in = s; }
  ~RunningIn() { running_in = saved; }
  const MemoryStore* saved;
};

Error Closing() {
  return Error::Unavailable("the server is shutting down: retry against another instance");
}

template <typename Fn, typename Tx>
Outcome RunGuarded(const Fn& fn, Tx& tx, const char* what) {
  try {
    return fn(tx);
  } catch (const std::exception& ex) {
    return Error::Internal(std::string(what) + " failed: " + ex.what());
  }
}

}  // namespace

void MemoryStore::WriteIn(Lane lane, WriteFn fn, DoneFn done) {
  if (running_in == this) {
    std::lock_guard lock(mu_);
    nested_.push_back([this, lane, fn = std::move(fn), done = std::move(done)]() mutable {
      WriteIn(lane, std::move(fn), std::move(done));
    });
    return;
  }
  auto l = static_cast<int>(lane);
  std::optional<Error> refused;  // answered outside the lock: `done` may call the store
  {
    std::lock_guard lock(mu_);
    if (closing_) {
      refused = Closing();
    } else if (waiting_[l] >= limit_[l]) {
      refused = Error::ResourceExhausted(
          std::string(lane == Lane::kIngest ? "the alert ingest queue" : "the write queue") +
          " is full (" + std::to_string(limit_[l]) + " waiting): retry shortly");
    } else {
      ++waiting_[l];
    }
  }
  if (refused) return done(std::move(*refused));
  Outcome r = Success();
  {
    std::lock_guard tables(tables_mu_);
    Tables work = tables_;
    MemoryTx tx(work);
    {
      RunningIn in(this);
      r = RunGuarded(fn, static_cast<WriteTx&>(tx), "write");
    }
    if (r.ok()) tables_ = std::move(work);
    std::lock_guard lock(mu_);
    --waiting_[l];
    ++commits_;
  }
  done(std::move(r));
  DrainNested();
}

void MemoryStore::SetLaneLimit(Lane lane, std::size_t limit) {
  std::lock_guard lock(mu_);
  limit_[static_cast<int>(lane)] = limit;
}

void MemoryStore::Read(ReadFn fn, DoneFn done) {
  if (running_in == this) {
    std::lock_guard lock(mu_);
    nested_.push_back([this, fn = std::move(fn), done = std::move(done)]() mutable {
      Read(std::move(fn), std::move(done));
    });
    return;
  }
  bool closing = false;
  {
    std::lock_guard lock(mu_);
    closing = closing_;
  }
  if (closing) return done(Closing());
  Outcome r = Success();
  {
    std::lock_guard tables(tables_mu_);
    MemoryTx tx(tables_);
    RunningIn in(this);
    r = RunGuarded(fn, static_cast<ReadTx&>(tx), "read");
  }
  done(std::move(r));
  DrainNested();
}

void MemoryStore::DrainNested() {
  for (;;) {
    std::function<void()> next;
    {
      std::lock_guard lock(mu_);
      if (nested_.empty()) return;
      next = std::move(nested_.front());
      nested_.pop_front();
    }
    next();
  }
}

void MemoryStore::Close() {
  std::lock_guard lock(mu_);
  closing_ = true;
}

std::uint64_t MemoryStore::commits() const {
  std::lock_guard lock(mu_);
  return commits_;
}

}  // namespace warroom::store::memory
