#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "base/result.hpp"
#include "base/time.hpp"

namespace warroom::store {

// A lease: which instance runs the background modules (the clock runner,
// the dispatcher, the checkpointer) of a database several instances share.
// Times come from the database's own clock (PostgreSQL's clock_timestamp();
// the process's clock for the single-process stores), never from an
// instance's, so instances whose clocks disagree still agree on who holds
// it. `epoch` grows by one each time the lease changes hands (or its holder
// takes it again after letting it expire): a write that checks it proves
// its instance still holds the lease it began under.
struct Lease {
  std::string name;
  std::string holder;
  std::int64_t epoch = 0;
  TimePoint expires_at;
  TimePoint now;  // the database's clock when it answered
  bool HeldBy(const std::string& who) const { return holder == who && expires_at > now; }
};

class LeaseReads {
 public:
  virtual ~LeaseReads() = default;
  // The lease as it stands (holder and expiry, expired or not), or nullopt
  // when it was never taken.
  virtual Result<std::optional<Lease>> FindLease(const std::string& name) = 0;
};

class LeaseWrites {
 public:
  virtual ~LeaseWrites() = default;
  // Takes or renews the lease for `holder` until the database's clock plus
  // `ttl`: renewed (the epoch kept) while `holder` holds it; taken (the epoch
  // plus one) when nobody holds it or it has expired; left alone when
  // another holds it. Answers the lease as it now stands, whoever holds it.
  virtual Result<Lease> TakeLease(const std::string& name, const std::string& holder,
                                  std::chrono::microseconds ttl) = 0;
  // Gives the lease up (it expires now) when `holder` holds it; changes
  // nothing otherwise. For a clean stop: the next instance takes over at
  // once instead of after the expiry.
  virtual Outcome ReleaseLease(const std::string& name, const std::string& holder) = 0;
};

}  // namespace warroom::store
