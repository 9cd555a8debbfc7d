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

// Find's answer (the memory store answers before Find returns).
Result<std::optional<store::RequestRecord>> Find(RequestLog& log, const std::string& caller) {
  std::optional<Result<std::optional<store::RequestRecord>>> got;
  log.Find(caller, "k-1", [&](auto r) { got = std::move(r); });
  if (!got) return Error::Internal("Find did not answer");
  return std::move(*got);
}

TEST(RequestLog, AnUnusedKeyFindsNothingWithoutAWrite) {
  store::memory::MemoryStore store;
  RequestLog log(store);
  const auto before = store.commits();
  auto got = Find(log, "alice");
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_FALSE(*got);
  EXPECT_EQ(store.commits(), before);
}

TEST(RequestLog, AReplayIsAnsweredAfterAWriteOfItsOwn) {
  store::memory::MemoryStore store;
  ASSERT_TRUE(store.WriteSync([](store::WriteTx& tx) { return tx.RecordRequest(Record()); }).ok());
  RequestLog log(store);
  const auto before = store.commits();
  auto got = Find(log, "alice");
  ASSERT_TRUE(got.ok()) << got.error().message;
  ASSERT_TRUE(*got);
  EXPECT_EQ((*got)->status, 201);
  EXPECT_EQ(store.commits(), before + 1);  // the empty write that made it durable
  // Another caller's same key is not this one's.
  auto other = Find(log, "bob");
  ASSERT_TRUE(other.ok()) << other.error().message;
  EXPECT_FALSE(*other);
}

TEST(RequestLog, AStoreThatCannotWriteAnswersTheReplayWithItsError) {
  store::memory::MemoryStore store;
  ASSERT_TRUE(store.WriteSync([](store::WriteTx& tx) { return tx.RecordRequest(Record()); }).ok());
  RequestLog log(store);
  store.Close();
  auto got = Find(log, "alice");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace warroom::engine
