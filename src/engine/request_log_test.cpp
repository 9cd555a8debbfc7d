// The answers kept under Idempotency-Keys: a key never used finds nothing,
// and a replay is answered only after a write of its own (store.hpp's Read:
// on PostgreSQL a read may see a batch that is not yet durable, and a
// replay must never acknowledge one that a crash could still take back).
#include "engine/request_log.hpp"

#include <gtest/gtest.h>

#include "store/memory/memory_store.hpp"

namespace warroom::engine {
namespace {

store::RequestRecord Record() {
  store::RequestRecord r;
  r.caller = "alice";
  r.key = "k-1";
  r.method = "POST";
  r.path = "/api/v1/incidents";
  r.status = 201;
  r.content_type = "application/json";
  r.answer = "{}";
  r.at = FromMicros(1);
  return r;
}

TEST(RequestLog, AnUnusedKeyFindsNothingWithoutAWrite) {
  store::memory::MemoryStore store;
  RequestLog log(store);
  const auto before = store.commits();
  std::optional<Result<std::optional<store::RequestRecord>>> got;
  log.Find("alice", "k-1", [&](auto r) { got = std::move(r); });
  ASSERT_TRUE(got && got->ok());
  EXPECT_FALSE(**got);
  EXPECT_EQ(store.commits(), before);
}

TEST(RequestLog, AReplayIsAnsweredAfterAWriteOfItsOwn) {
  store::memory::MemoryStore store;
  ASSERT_TRUE(store.WriteSync([](store::WriteTx& tx) { return tx.RecordRequest(Record()); }).ok());
  RequestLog log(store);
  const auto before = store.commits();
  std::optional<Result<std::optional<store::RequestRecord>>> got;
  log.Find("alice", "k-1", [&](auto r) { got = std::move(r); });
  ASSERT_TRUE(got && got->ok());
  ASSERT_TRUE(**got);
  EXPECT_EQ((**got)->status, 201);
  EXPECT_EQ(store.commits(), before + 1);  // the empty write that made it durable
  // Another caller's same key is not this one's.
  got.reset();
  log.Find("bob", "k-1", [&](auto r) { got = std::move(r); });
  ASSERT_TRUE(got && got->ok());
  EXPECT_FALSE(**got);
}

TEST(RequestLog, AStoreThatCannotWriteAnswersTheReplayWithItsError) {
  store::memory::MemoryStore store;
  ASSERT_TRUE(store.WriteSync([](store::WriteTx& tx) { return tx.RecordRequest(Record()); }).ok());
  RequestLog log(store);
  store.Close();
  std::optional<Result<std::optional<store::RequestRecord>>> got;
  log.Find("alice", "k-1", [&](auto r) { got = std::move(r); });
  ASSERT_TRUE(got);
  ASSERT_FALSE(got->ok());
  EXPECT_EQ(got->error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace warroom::engine
