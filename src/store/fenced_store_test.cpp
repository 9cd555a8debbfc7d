// The fence on the memory twin: the holder's writes pass at its epoch; once
// another instance takes the lease over, the former holder's writes are
// refused whole (nothing of them written).
#include "store/fenced_store.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "store/memory/memory_store.hpp"

namespace warroom::store {
namespace {

using std::chrono::milliseconds;

Lease Take(Store& s, const std::string& holder, std::chrono::microseconds ttl) {
  Lease out;
  EXPECT_TRUE(s.WriteSync([&](WriteTx& tx) -> Outcome {
                 WARROOM_ASSIGN_OR_RETURN(out, tx.TakeLease("background", holder, ttl));
                 return Success();
               }).ok());
  return out;
}

Outcome Note(Store& s, const std::string& id) {
  return s.WriteSync([&](WriteTx& tx) -> Outcome {
    auto e = tx.Append(
        NewEvent{id, FromMicros(1), FromMicros(2), "system", "warroom", "note_added", "{}"}, 0);
    return e.ok() ? Success() : Outcome(e.error());
  });
}

TEST(FencedStoreTest, AFormerHoldersWritesAreRefusedWholeOnceAnotherTookOver) {
  memory::MemoryStore inner;
  FencedStore a(inner);
  EXPECT_TRUE(Note(a, "INC-1").ok());  // no fence: passes through
  Lease mine = Take(inner, "a", milliseconds(100));
  a.SetFence({"background", "a", mine.epoch});
  EXPECT_TRUE(Note(a, "INC-2").ok());
  std::this_thread::sleep_for(milliseconds(150));
  Take(inner, "b", std::chrono::seconds(60));
  Outcome refused = Note(a, "INC-3");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().message.find("held by b"), std::string::npos);
  std::int64_t last = 0;
  ASSERT_TRUE(inner
                  .ReadSync([&](ReadTx& tx) -> Outcome {
                    WARROOM_ASSIGN_OR_RETURN(last, tx.LastGlobalSeq());
                    return Success();
                  })
                  .ok());
  EXPECT_EQ(last, 2);  // INC-3 was not written
  // Reads pass whatever the fence.
  EXPECT_TRUE(a.ReadSync([](ReadTx&) { return Success(); }).ok());
}

}  // namespace
}  // namespace warroom::store
