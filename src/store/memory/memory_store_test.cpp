// What only the memory twin promises: `done` before WriteIn returns, and a
// call started from inside a write runs after it instead of deadlocking.
#include "store/memory/memory_store.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace warroom::store::memory {
namespace {

NewEvent Ev(const std::string& id) {
  return NewEvent{id, FromMicros(1), FromMicros(2), "user", "alice", "note_added", "{}"};
}

TEST(MemoryStore, AnswersAWriteBeforeWriteInReturns) {
  MemoryStore store;
  bool answered = false;
  store.Write(
      [](WriteTx& tx) { return tx.Append(Ev("A"), 0).ok() ? Success() : Error::Internal("x"); },
      [&](Outcome r) { answered = r.ok(); });
  EXPECT_TRUE(answered);
  EXPECT_EQ(store.commits(), 1u);
}

TEST(MemoryStore, AWriteStartedInsideAWriteRunsAfterItAndSeesIt) {
  MemoryStore store;
  std::vector<std::string> order;
  store.Write(
      [&](WriteTx& tx) -> Outcome {
        store.Read(
            [&](ReadTx& r) -> Outcome {
              auto last = r.LastGlobalSeq();
              order.push_back("nested read sees " + std::to_string(last.ok() ? *last : -1));
              return Success();
            },
            [](Outcome) {});
        order.push_back("outer write");
        auto e = tx.Append(Ev("A"), 0);
        return e.ok() ? Success() : Outcome(e.error());
      },
      [&](Outcome r) { order.push_back(r.ok() ? "outer done" : "outer failed"); });
  EXPECT_EQ(order, (std::vector<std::string>{"outer write", "outer done", "nested read sees 1"}));
}

}  // namespace
}  // namespace warroom::store::memory
