#pragma once

#include "store/report_counter.hpp"
#include "store/sqlite/db.hpp"
#include "store/store.hpp"

namespace warroom::store::sqlite {

// A users row as kUserColumns selects it, from column `at` (the users and
// the sessions files read it). And a nullable time bound to parameter `i`.
User ReadUser(const Stmt& q, int at = 0);
Stmt& BindTime(Stmt& q, int i, const std::optional<TimePoint>& t);

// ReadTx and WriteTx over one connection. The writer's transaction and
// savepoints are managed by SqliteStore; these only run statements.
class SqliteTx final : public WriteTx {
 public:
  explicit SqliteTx(Connection& c) : conn_(c) {}

  Result<std::vector<StoredEvent>> LoadEventsAfter(const std::string& incident_id,
                                                   std::int64_t after_seq) override;
  Result<std::vector<StoredEvent>> LoadLogAfter(std::int64_t after_global_seq, int limit) override;
  Result<std::vector<IncidentRow>> ListIncidents(const IncidentFilter& f) override;
  Result<std::vector<ActionItemRow>> ListActionItems(const ActionItemFilter& f) override;
  Outcome UpsertActionItem(const std::string& incident_id, const core::ActionItem& item) override;
  Result<std::optional<User>> FindUser(const std::string& handle) override;
  Result<std::vector<User>> ListUsers() override;
  Result<std::optional<TokenGrant>> FindTokenByDigest(const Hash& digest) override;
  Result<std::optional<ApiToken>> FindToken(std::int64_t id) override;
  Result<std::vector<ApiToken>> ListTokens(const std::string& handle) override;
  Result<std::int64_t> CountUsers() override;
  Result<std::int64_t> CountActiveAdmins() override;
  Result<std::vector<std::pair<std::string, std::string>>> LoadPolicies() override;
  Result<std::vector<OutboxMessage>> ListOutbox(const OutboxFilter& f) override;
  Result<std::optional<OutboxMessage>> FindOutbox(std::int64_t id) override;
  Result<std::vector<OutboxAttempt>> ListAttempts(std::int64_t message_id) override;
  Outcome InsertOutbox(const OutboxMessage& m) override;
  Result<std::vector<OutboxMessage>> ClaimOutbox(OutboxLane lane, TimePoint now,
                                                 TimePoint lease_until, int limit) override;
  Outcome FinishAttempt(const OutboxAttempt& a, OutboxState state, TimePoint next_attempt_at,
                        const std::string& last_error) override;
  Outcome RetryOutbox(std::int64_t id, TimePoint now) override;
  Outcome ReleaseOutboxLeases() override;
  Result<std::optional<TimePoint>> NextOutboxDue(OutboxLane lane) override;
  Result<std::optional<Integration>> FindIntegrationByDigest(const Hash& digest) override;
  Result<std::vector<Integration>> ListIntegrations() override;
  Result<std::vector<AlertRecord>> ListAlerts(const AlertFilter& f) override;
  Result<std::optional<TimePoint>> OpenAlertStart(const std::string& integration,
                                                  const std::string& key) override;
  Outcome InsertIntegration(const Integration& i, const Hash& key_digest) override;
  Outcome RecordReport(const std::string& name, TimePoint at) override;
  Outcome SetIntegrationEnabled(const std::string& name, bool enabled) override;
  Outcome RotateIntegrationKey(const std::string& name, const Hash& key_digest,
                               TimePoint at) override;
  Result<AlertUpsert> UpsertAlert(const AlertRecord& a) override;
  Result<bool> RepeatFiring(const AlertRecord& a) override;
  Result<bool> RepeatOpenFiring(const AlertRecord& a) override;
  Outcome SetAlertDisposition(const std::vector<std::int64_t>& ids,
                              const AlertDisposition& d) override;
  Outcome AddAlertGroupHolder(const std::string& integration, const std::string& group_key,
                              const std::string& incident_id, TimePoint at) override;
  Result<std::optional<AlertRecord>> FindAlert(std::int64_t id) override;
  Result<std::optional<std::string>> AlertGroupHolder(const std::string& integration,
                                                      const std::string& group_key) override;
  Result<std::pair<std::int64_t, std::int64_t>> CountFiringAlerts(
      const std::string& incident_id, const std::string& integration,
      const std::string& group_key) override;
  Result<std::optional<std::pair<std::int64_t, Hash>>> ChainHead(
      const std::string& incident_id) override;
  Result<std::int64_t> LastGlobalSeq() override;
  Result<ChainHeads> LoadChainHeads() override;
  Result<std::optional<Checkpoint>> LastCheckpoint() override;

  Result<std::string> NextIncidentId(TimePoint declared_at) override;
  Result<StoredEvent> Append(const NewEvent& e, std::int64_t expected_seq) override;
  Outcome UpsertIncident(const IncidentRow& row) override;
  Outcome InsertUser(const User& u) override;
  Result<std::int64_t> InsertToken(const Hash& digest, const ApiToken& t) override;
  Outcome RevokeToken(std::int64_t id, TimePoint at) override;
  Outcome TouchTokens(const std::vector<std::int64_t>& ids, TimePoint at) override;
  Outcome SetUserDisabled(const std::string& handle, std::optional<TimePoint> at) override;
  Outcome SetUserPermission(const std::string& handle, Permission p) override;
  Outcome SetUserPublishPublic(const std::string& handle, bool publish) override;
  Result<std::optional<SessionGrant>> FindSessionByDigest(const Hash& digest) override;
  Result<std::vector<WebSession>> ListSessions(const std::string& handle) override;
  Result<std::string> FindPasswordHash(const std::string& handle) override;
  Result<std::optional<SignInFailures>> FindSignInFailures(const std::string& key) override;
  Result<std::optional<SignInLink>> FindSignInLink(const Hash& digest) override;
  Result<std::int64_t> InsertSession(const Hash& digest, const WebSession& s) override;
  Outcome TouchSession(std::int64_t id, TimePoint at) override;
  Outcome RevokeSession(std::int64_t id, TimePoint at) override;
  Result<std::int64_t> RevokeSessions(const std::string& handle, TimePoint at) override;
  Result<std::int64_t> ForgetSessions(TimePoint before) override;
  Outcome SetPasswordHash(const std::string& handle, const std::string& hash) override;
  Outcome RecordSignInFailure(const std::string& key, TimePoint at,
                              TimePoint reset_before) override;
  Outcome ClearSignInFailures(const std::string& key) override;
  Outcome InsertSignInLink(const Hash& digest, const SignInLink& link) override;
  Result<std::string> UseSignInLink(const Hash& digest, TimePoint at) override;
  Outcome UpdateUserContact(const User& u) override;
  Result<std::vector<Subscriber>> ListSubscribers(const SubscriberFilter& f) override;
  Result<std::optional<Subscriber>> FindSubscriber(std::int64_t id) override;
  Result<std::optional<Subscriber>> FindSubscriberByAddress(SubscriberChannel channel,
                                                            const std::string& address) override;
  Result<std::int64_t> CountSubscribers(SubscriberState state) override;
  Result<std::optional<SubscriberToken>> FindSubscriberToken(const Hash& digest) override;
  Result<std::int64_t> InsertSubscriber(const Subscriber& s) override;
  Outcome UpdateSubscriber(const Subscriber& s) override;
  Outcome DeleteSubscriber(std::int64_t id) override;
  Outcome InsertSubscriberToken(const Hash& digest, const SubscriberToken& t) override;
  Result<SubscriberToken> UseSubscriberToken(const Hash& digest, SubscriberTokenPurpose purpose,
                                             TimePoint at) override;
  Result<std::int64_t> ForgetSubscriberTokens(TimePoint before) override;
  Result<std::int64_t> CountSubscribeRequest(const std::string& key, TimePoint at,
                                             TimePoint since) override;
  Outcome RecordPolicy(const std::string& version, const std::string& yaml, TimePoint at) override;
  Outcome InsertCheckpoint(const Checkpoint& c) override;
  Result<std::optional<Lease>> FindLease(const std::string& name) override;
  Result<Lease> TakeLease(const std::string& name, const std::string& holder,
                          std::chrono::microseconds ttl) override;
  Outcome ReleaseLease(const std::string& name, const std::string& holder) override;
  Result<std::optional<RequestRecord>> FindRequest(const std::string& caller,
                                                   const std::string& key) override;
  Outcome RecordRequest(const RequestRecord& r) override;
  Result<std::int64_t> ForgetRequests(TimePoint before) override;
  Result<std::optional<TimePoint>> SimulatedNow() override;
  Result<TimePoint> AdvanceSimulatedNow(TimePoint to) override;

  // Reports (RecordReport) are counted in memory and written once per
  // integration per group commit (ReportCounter says why); the writer
  // brackets each write with BeginWrite and EndWrite and calls
  // FlushReports before COMMIT, DropReports after it.
  void BeginWrite() { reports_.BeginWrite(); }
  void EndWrite(bool kept) { reports_.EndWrite(kept); }
  Outcome FlushReports();
  void DropReports() { reports_.Clear(); }

 private:
  Connection& conn_;
  ReportCounter reports_;
};

// Reads every event in global order (for verify and projection rebuilds).
Result<std::vector<StoredEvent>> LoadAllEvents(sqlite3* db);
// Reads every checkpoint in order.
Result<std::vector<Checkpoint>> LoadCheckpoints(sqlite3* db);

}  // namespace warroom::store::sqlite
