#pragma once

#include <functional>
#include <memory>

#include "base/result.hpp"
#include "store/checkpoint.hpp"
#include "store/records.hpp"

namespace warroom::store {

// Reads available inside both read and write transactions.
class ReadTx {
 public:
  virtual ~ReadTx() = default;
  // The incident's events in order; empty when it does not exist.
  virtual Result<std::vector<StoredEvent>> LoadEvents(const std::string& incident_id) = 0;
  virtual Result<std::vector<IncidentRow>> ListIncidents(const IncidentFilter& f) = 0;
  virtual Result<std::optional<User>> FindUser(const std::string& handle) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  // The token with this digest and its user, revoked, expired or disabled
  // alike (the engine decides what is live).
  virtual Result<std::optional<TokenGrant>> FindTokenByDigest(const Hash& digest) = 0;
  virtual Result<std::optional<ApiToken>> FindToken(std::int64_t id) = 0;
  // One user's tokens, or every token when `handle` is empty, oldest first.
  virtual Result<std::vector<ApiToken>> ListTokens(const std::string& handle) = 0;
  virtual Result<std::int64_t> CountUsers() = 0;
  // Admins who are not disabled.
  virtual Result<std::int64_t> CountActiveAdmins() = 0;
  // The head of one incident's chain: (incident_seq, hash), or nullopt when
  // the incident has no events.
  virtual Result<std::optional<std::pair<std::int64_t, Hash>>> ChainHead(
      const std::string& incident_id) = 0;
  // The global sequence of the last event (0 for an empty log).
  virtual Result<std::int64_t> LastGlobalSeq() = 0;
  virtual Result<ChainHeads> LoadChainHeads() = 0;
  virtual Result<std::optional<Checkpoint>> LastCheckpoint() = 0;
  virtual Result<std::vector<OutboxMessage>> ListOutbox(const OutboxFilter& f) = 0;
  virtual Result<std::optional<OutboxMessage>> FindOutbox(std::int64_t id) = 0;
  virtual Result<std::vector<OutboxAttempt>> ListAttempts(std::int64_t message_id) = 0;
  // The enabled integration holding a key with this digest.
  virtual Result<std::optional<Integration>> FindIntegrationByDigest(const Hash& digest) = 0;
  virtual Result<std::vector<Integration>> ListIntegrations() = 0;
  virtual Result<std::vector<AlertRecord>> ListAlerts(const AlertFilter& f) = 0;
  virtual Result<std::optional<AlertRecord>> FindAlert(std::int64_t id) = 0;
  // The newest incident holding the alert group, if any.
  virtual Result<std::optional<std::string>> AlertGroupHolder(const std::string& integration,
                                                              const std::string& group_key) = 0;
  // Alerts still firing (or acknowledged) of an incident: of one group, and
  // of the whole incident.
  virtual Result<std::pair<std::int64_t, std::int64_t>> CountFiringAlerts(
      const std::string& incident_id, const std::string& integration,
      const std::string& group_key) = 0;
  // The start time of the open (firing or acknowledged) alert with this key.
  virtual Result<std::optional<TimePoint>> OpenAlertStart(const std::string& integration,
                                                          const std::string& key) = 0;
  // The earliest time a pending message can be tried (its next attempt, or
  // when its lease runs out), if any is pending.
  virtual Result<std::optional<TimePoint>> NextOutboxDue() = 0;
  // Every recorded policy version: (version, YAML text).
  virtual Result<std::vector<std::pair<std::string, std::string>>> LoadPolicies() = 0;
};

// A write: runs on the writer inside its own savepoint. When the function
// returns an error, everything it wrote is rolled back and the error is the
// answer; later writes of the same batch are unaffected.
class WriteTx : public ReadTx {
 public:
  // The next id of the day of `declared_at` (UTC): INC-YYYY-MM-DD-NNN.
  virtual Result<std::string> NextIncidentId(TimePoint declared_at) = 0;
  // Appends to the incident's chain. `expected_seq` is the incident_seq the
  // caller last saw (0 for a new incident): a mismatch is kConflict.
  virtual Result<StoredEvent> Append(const NewEvent& e, std::int64_t expected_seq) = 0;
  virtual Outcome UpsertIncident(const IncidentRow& row) = 0;
  virtual Outcome InsertUser(const User& u) = 0;
  // Stores a token (its id is ignored) and answers its new id.
  virtual Result<std::int64_t> InsertToken(const Hash& digest, const ApiToken& t) = 0;
  // Sets revoked_at; kNotFound for an unknown id, kFailedPrecondition when it
  // is already revoked.
  virtual Outcome RevokeToken(std::int64_t id, TimePoint at) = 0;
  // Records uses of tokens: last_used_at of each id (unknown ids are ignored).
  virtual Outcome TouchTokens(const std::vector<std::int64_t>& ids, TimePoint at) = 0;
  // Disables (a time) or enables (nullopt); kNotFound for an unknown handle.
  virtual Outcome SetUserDisabled(const std::string& handle, std::optional<TimePoint> at) = 0;
  virtual Outcome SetUserPermission(const std::string& handle, Permission p) = 0;
  // Records a policy version. kAlreadyExists when the version was recorded
  // with other content: a changed policy needs a new version.
  virtual Outcome RecordPolicy(const std::string& version, const std::string& yaml,
                               TimePoint at) = 0;
  virtual Outcome InsertCheckpoint(const Checkpoint& c) = 0;

  // Adds a message; a repeated idempotency key is ignored (the message exists).
  virtual Outcome InsertOutbox(const OutboxMessage& m) = 0;
  // Leases up to `limit` pending messages due by `now` whose lease has run
  // out, until `lease_until`, so no two dispatchers deliver one message.
  virtual Result<std::vector<OutboxMessage>> ClaimOutbox(TimePoint now, TimePoint lease_until,
                                                         int limit) = 0;
  // Records an attempt and the message's new state (next attempt time when
  // still pending), releasing the lease.
  virtual Outcome FinishAttempt(const OutboxAttempt& a, const std::string& state,
                                TimePoint next_attempt_at, const std::string& last_error) = 0;
  virtual Outcome InsertIntegration(const Integration& i, const Hash& key_digest) = 0;
  // Counts an accepted request of the integration and when it came.
  virtual Outcome RecordReport(const std::string& name, TimePoint at) = 0;
  // Enables or disables; kNotFound for an unknown name.
  virtual Outcome SetIntegrationEnabled(const std::string& name, bool enabled) = 0;
  // Replaces the key (the old one stops working at once).
  virtual Outcome RotateIntegrationKey(const std::string& name, const Hash& key_digest,
                                       TimePoint at) = 0;
  // Records one report of an alert: a new alert, or a repeat of the one with
  // the same (integration, key, start) whose count, last seen, status and
  // end it updates. Resolved is final for one firing (a late copy from
  // another Alertmanager peer cannot revive it); an acknowledgment holds
  // against repeats of firing.
  virtual Result<AlertUpsert> UpsertAlert(const AlertRecord& a) = 0;
  // Sets where alerts went (the router, or a responder's triage).
  virtual Outcome SetAlertDisposition(const std::vector<std::int64_t>& ids,
                                      const AlertDisposition& d) = 0;
  // Records that an incident holds an alert group (idempotent).
  virtual Outcome AddAlertGroupHolder(const std::string& integration, const std::string& group_key,
                                      const std::string& incident_id, TimePoint at) = 0;
  // Releases every lease (start-up of the only dispatcher of this database:
  // whatever a killed process had claimed is delivered again, now).
  virtual Outcome ReleaseOutboxLeases() = 0;
  // Puts a dead or unknown message back to pending, due now.
  virtual Outcome RetryOutbox(std::int64_t id, TimePoint now) = 0;
};

using WriteFn = std::function<Outcome(WriteTx&)>;
using ReadFn = std::function<Outcome(ReadTx&)>;
using DoneFn = std::function<void(Outcome)>;

// The storage port. Writes are group-committed: `done` is called (on a store
// thread) only after the transaction holding the write is durable.
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
  // How many writes of a lane may wait (0: the lane refuses every write).
  virtual void SetLaneLimit(Lane lane, std::size_t limit) = 0;
  virtual void Read(ReadFn fn, DoneFn done) = 0;
  // Synchronous helpers for start-up and tools.
  Outcome WriteSync(WriteFn fn);
  Outcome ReadSync(ReadFn fn);
  // Stops accepting work, finishes what is queued and closes.
  virtual void Close() = 0;
};

}  // namespace warroom::store
