#include "store/verify.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>

#include "store/event_chain.hpp"

namespace warroom::store {
namespace {

// Builds a valid log of `n` events over two incidents.
std::vector<StoredEvent> Log(int n) {
  std::vector<StoredEvent> out;
  std::map<std::string, StoredEvent> last;
  for (int i = 1; i <= n; ++i) {
    StoredEvent e;
    e.global_seq = i;
    e.incident_id = i % 2 ? "A" : "B";
    auto it = last.find(e.incident_id);
    e.incident_seq = it == last.end() ? 1 : it->second.incident_seq + 1;
    if (it != last.end()) e.prev_hash = it->second.hash;
    e.occurred_at = e.recorded_at = FromMicros(i);
    e.actor_kind = "user";
    e.actor_id = "alice";
    e.type = "note_added";
    e.payload = "{\"text\":\"" + std::to_string(i) + "\"}";
    e.hash = ChainHash(e);
    last[e.incident_id] = e;
    out.push_back(e);
  }
  return out;
}

ChainHeads HeadsOf(const std::vector<StoredEvent>& log, std::int64_t through) {
  ChainHeads h;
  for (const auto& e : log)
    if (e.global_seq <= through) h[e.incident_id] = {e.incident_seq, e.hash};
  return h;
}

Checkpoint Sign(const SigningKey& k, const std::vector<StoredEvent>& log, std::int64_t through) {
  Checkpoint c;
  c.id = 1;
  c.global_seq = through;
  c.created_at = FromMicros(99);
  c.heads_digest = HeadsDigest(through, HeadsOf(log, through));
  c.public_key = k.public_key();
  c.signature = k.Sign(CheckpointMessage(c.global_seq, c.created_at, c.heads_digest));
  return c;
}

SigningKey Key(const std::string& name) {
  auto path =
      std::filesystem::temp_directory_path() / ("warroom-key-" + std::to_string(::getpid()) + name);
  std::filesystem::remove(path);
  auto k = SigningKey::LoadOrCreate(path.string());
  EXPECT_TRUE(k.ok());
  auto again = SigningKey::LoadOrCreate(path.string());  // the same key when read back
  EXPECT_EQ(again->public_key(), k->public_key());
  std::filesystem::remove(path);
  return *k;
}

TEST(VerifyLog, ACleanSignedLogPasses) {
  auto log = Log(6);
  auto key = Key("a");
  std::vector<Checkpoint> cps{Sign(key, log, 6)};
  VerifyInput in{&log, {"A", "B"}, &cps, key.public_key()};
  auto r = VerifyLog(in);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.covered_through, 6);
}

TEST(VerifyLog, AHistoryRecomputedAndResignedWithAnotherKeyFails) {
  auto log = Log(6);
  auto trusted = Key("t");
  auto forger = Key("f");
  log[2].payload = "{\"text\":\"forged\"}";
  // Recompute the chain of incident A from the edit on.
  for (std::size_t i = 2; i < log.size(); ++i) {
    if (log[i].incident_id != "A") continue;
    if (i >= 2) log[i].prev_hash = log[i - 2].hash;
    log[i].hash = ChainHash(log[i]);
  }
  std::vector<Checkpoint> cps{Sign(forger, log, 6)};
  VerifyInput in{&log, {}, &cps, trusted.public_key()};
  auto r = VerifyLog(in);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("not signed by the trusted key"), std::string::npos);
}

TEST(VerifyLog, ARecomputedHistoryNoLongerMatchesTheSignedHeads) {
  auto log = Log(6);
  auto key = Key("k");
  std::vector<Checkpoint> cps{Sign(key, log, 6)};
  log[4].payload = "{\"text\":\"rewritten\"}";
  log[4].hash = ChainHash(log[4]);  // event 5, the last of A
  VerifyInput in{&log, {}, &cps, key.public_key()};
  auto r = VerifyLog(in);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("do not match signed checkpoint"), std::string::npos);
}

TEST(VerifyLog, ATruncatedTailIsCaughtByTheCheckpoint) {
  auto log = Log(6);
  auto key = Key("k2");
  std::vector<Checkpoint> cps{Sign(key, log, 6)};
  log.resize(4);
  VerifyInput in{&log, {}, &cps, key.public_key()};
  auto r = VerifyLog(in);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("log ends at #4"), std::string::npos);
}

TEST(VerifyLog, EditsAndDeletionsNameTheFirstBadEvent) {
  auto log = Log(6);
  auto edited = log;
  edited[3].occurred_at = FromMicros(1234);
  auto r = VerifyLog({&edited, {}, nullptr, std::nullopt});
  EXPECT_EQ(r.first_bad_global_seq, 4);
  auto deleted = log;
  deleted.erase(deleted.begin() + 2);
  r = VerifyLog({&deleted, {}, nullptr, std::nullopt});
  EXPECT_EQ(r.first_bad_global_seq, 4);
  EXPECT_NE(r.problem.find("deleted"), std::string::npos);
}

}  // namespace
}  // namespace warroom::store
