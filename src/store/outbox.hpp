#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "store/records.hpp"

namespace warroom::store {

// The transactional outbox: messages written with the event that caused
// them, delivered by a dispatcher that leases them.
class OutboxReads {
 public:
  virtual ~OutboxReads() = default;
  // Messages matching `f`, newest (highest id) first, at most `f.limit`.
  virtual Result<std::vector<OutboxMessage>> ListOutbox(const OutboxFilter& f) = 0;
  virtual Result<std::optional<OutboxMessage>> FindOutbox(std::int64_t id) = 0;
  // One message's attempts in order (empty for an unknown id).
  virtual Result<std::vector<OutboxAttempt>> ListAttempts(std::int64_t message_id) = 0;
  // The earliest time a pending message of `lane` can be tried (its next
  // attempt, or when its lease runs out, whichever is later), if any is
  // pending.
  virtual Result<std::optional<TimePoint>> NextOutboxDue(OutboxLane lane) = 0;
};

class OutboxWrites {
 public:
  virtual ~OutboxWrites() = default;
  // Adds a message as pending with no attempt (its id, state, attempts,
  // last_error and finished_at are ignored); a repeated idempotency key is
  // ignored and succeeds (the message exists).
  virtual Outcome InsertOutbox(const OutboxMessage& m) = 0;
  // Leases up to `limit` pending messages of `lane` (LaneOf their kind)
  // due by `now` whose lease has run out, until `lease_until`, so no two
  // dispatchers deliver one message. Answers them earliest due first (ties:
  // lowest id).
  virtual Result<std::vector<OutboxMessage>> ClaimOutbox(OutboxLane lane, TimePoint now,
                                                         TimePoint lease_until, int limit) = 0;
  // Records an attempt and the message's new state (attempts = a.attempt,
  // the next attempt time when still pending, finished_at = a.finished_at
  // otherwise), releasing the lease. kConflict for an unknown message or an
  // attempt number recorded before.
  virtual Outcome FinishAttempt(const OutboxAttempt& a, OutboxState state,
                                TimePoint next_attempt_at, const std::string& last_error) = 0;
  // Releases every pending message's lease (start-up of the only dispatcher
  // of this database: whatever a killed process had claimed is delivered
  // again, now).
  virtual Outcome ReleaseOutboxLeases() = 0;
  // Puts a dead or unknown message back to pending, due now. kNotFound for
  // an unknown id; kFailedPrecondition for a pending or delivered one.
  virtual Outcome RetryOutbox(std::int64_t id, TimePoint now) = 0;
};

}  // namespace warroom::store
