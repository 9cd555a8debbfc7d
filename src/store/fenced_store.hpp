#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "store/store.hpp"

namespace warroom::store {

// The store as the background modules of a shared database see it: while a
// fence is set, every write first checks, inside its own transaction, that
// this instance still holds the background lease at the fence's epoch
// (WriteTx::CheckLease), and is refused (kFailedPrecondition, nothing
// written) when it does not. A former holder that was paused past its
// lease and resumed writes nothing after the new holder took over. Reads
// and everything else pass through. Without a fence (a single process,
// SQLite) it changes nothing.
class FencedStore final : public Store {
 public:
  struct Fence {
    std::string lease;
    std::string holder;
    std::int64_t epoch = 0;
  };
  explicit FencedStore(Store& inner) : inner_(inner) {}

  // Set when the lease is gained (its epoch), cleared never: a lost lease
  // keeps refusing the old epoch's writes.
  void SetFence(Fence f) {
    std::lock_guard lock(mu_);
    fence_ = std::move(f);
  }

  void WriteIn(Lane lane, WriteFn fn, DoneFn done) override {
    std::optional<Fence> fence;
    {
      std::lock_guard lock(mu_);
      fence = fence_;
    }
    if (!fence) return inner_.WriteIn(lane, std::move(fn), std::move(done));
    inner_.WriteIn(
        lane,
        [f = std::move(*fence), fn = std::move(fn)](WriteTx& tx) -> Outcome {
          WARROOM_RETURN_IF_ERROR(tx.CheckLease(f.lease, f.holder, f.epoch));
          return fn(tx);
        },
        std::move(done));
  }
  void SetLaneLimit(Lane lane, std::size_t limit) override { inner_.SetLaneLimit(lane, limit); }
  void Read(ReadFn fn, DoneFn done) override { inner_.Read(std::move(fn), std::move(done)); }
  void Close() override {}  // the inner store's owner closes it
  std::optional<std::string> WriteFailure() const override { return inner_.WriteFailure(); }

 private:
  Store& inner_;
  std::mutex mu_;
  std::optional<Fence> fence_;
};

}  // namespace warroom::store
