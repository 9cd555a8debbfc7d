#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/result.hpp"
#include "store/action_items.hpp"
#include "store/alerts.hpp"
#include "store/events.hpp"
#include "store/incidents.hpp"
#include "store/integrations.hpp"
#include "store/leases.hpp"
#include "store/outbox.hpp"
#include "store/policies.hpp"
#include "store/requests.hpp"
#include "store/sessions.hpp"
#include "store/simulated_time.hpp"
#include "store/subscribers.hpp"
#include "store/users.hpp"

namespace warroom::store {

// Reads available inside both read and write transactions: every noun's
// reads (each noun's header states its contract). Code that needs one noun
// may take the narrow interface (e.g. `OutboxReads&`).
class ReadTx : public EventReads,
               public PolicyReads,
               public IncidentReads,
               public OutboxReads,
               public UserReads,
               public IntegrationReads,
               public AlertReads,
               public LeaseReads,
               public RequestReads,
               public SimulatedTimeReads,
               public SessionReads,
               public SubscriberReads,
               public ActionItemReads {
 public:
  ~ReadTx() override = default;
};

// A write: runs on the writer inside its own savepoint. When the function
// returns an error, everything it wrote is rolled back and the error is the
// answer; later writes of the same batch are unaffected.
class WriteTx : public ReadTx,
                public EventWrites,
                public PolicyWrites,
                public IncidentWrites,
                public OutboxWrites,
                public UserWrites,
                public IntegrationWrites,
                public AlertWrites,
                public LeaseWrites,
                public RequestWrites,
                public SimulatedTimeWrites,
                public SessionWrites,
                public SubscriberWrites,
                public ActionItemWrites {
 public:
  ~WriteTx() override = default;
  // The fence of a holder's writes: success while `holder` holds the lease
  // at `epoch` (unexpired, on the database's clock); kFailedPrecondition
  // otherwise, saying who holds it now. Checked inside the write's own
  // transaction, so a former holder (paused past its lease, then resumed)
  // writes nothing once another has taken over. One rule for every adapter,
  // over FindLease.
  Outcome CheckLease(const std::string& name, const std::string& holder, std::int64_t epoch);
};

using WriteFn = std::function<Outcome(WriteTx&)>;
using ReadFn = std::function<Outcome(ReadTx&)>;
using DoneFn = std::function<void(Outcome)>;

// The storage port. Writes are serialised (one at a time, each seeing every
// earlier one) and may be group-committed: `done` is called exactly once,
// only after the transaction holding the write is durable, on a thread the
// adapter chooses (SQLite: its writer; memory: the caller's, before WriteIn
// returns). `done` must not block the store. The store owns the
// transaction: `fn` must not keep the WriteTx/ReadTx beyond its call.
class Store {
 public:
  virtual ~Store() = default;
  // Writes wait in lanes, each with its own bound, so a flood of alerts can
  // neither crowd out responders' commands nor be crowded out by them.
  enum class Lane { kCommands, kIngest };
  // Queues a write. Answers kResourceExhausted at once when its lane is
  // full, kUnavailable when the store is closing.
  virtual void WriteIn(Lane lane, WriteFn fn, DoneFn done) = 0;
  void Write(WriteFn fn, DoneFn done) { WriteIn(Lane::kCommands, std::move(fn), std::move(done)); }
  // A command's write, which reads `incident_id`'s chain head first and,
  // when the caller holds its state as of `known_seq` (0: none), the
  // events after it: an adapter that can read those of a whole group
  // commit at once does (PostgreSQL: two queries for the batch instead of
  // round trips per write). The others queue it as Write does.
  virtual void WriteFor(const std::string& incident_id, std::int64_t known_seq, WriteFn fn,
                        DoneFn done) {
    (void)incident_id;
    (void)known_seq;
    Write(std::move(fn), std::move(done));
  }
  // How many writes of a lane may wait (0: the lane refuses every write with
  // kResourceExhausted).
  virtual void SetLaneLimit(Lane lane, std::size_t limit) = 0;
  // Runs `fn` on one consistent snapshot; kResourceExhausted when the read
  // queue is full, kUnavailable when closing. `done` as for writes. The
  // snapshot holds every write whose `done` was called before the read was
  // queued; it may also hold one whose batch has committed and is not yet
  // durable (PostgreSQL, for a millisecond or so). A reader that acts on
  // what it read as settled (an Idempotency-Key's replay) first queues a
  // write of its own: once that is done, everything it read is durable.
  virtual void Read(ReadFn fn, DoneFn done) = 0;
  // Synchronous helpers for start-up and tools.
  Outcome WriteSync(WriteFn fn);
  Outcome ReadSync(ReadFn fn);
  // Stops accepting work, finishes what is queued and closes; later writes
  // and reads are answered kUnavailable. Idempotent.
  virtual void Close() = 0;
  // Why the database cannot be written, while the last write failed for
  // storage (a full disk, a read-only file system, an unreachable or
  // read-only server): nullopt once a write succeeds again. `/readyz`
  // answers 503 with it.
  virtual std::optional<std::string> WriteFailure() const { return std::nullopt; }
};

}  // namespace warroom::store
