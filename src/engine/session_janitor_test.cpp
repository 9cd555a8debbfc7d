#include "engine/session_janitor.hpp"

#include <gtest/gtest.h>

#include "store/memory/memory_store.hpp"

namespace warroom::engine {
namespace {

TimePoint T(const char* s) { return *ParseTime(s); }

TEST(SessionJanitor, ForgetsSessionsEndedOverThirtyDaysAgoAndKeepsTheRest) {
  store::memory::MemoryStore store;
  ASSERT_TRUE(store
                  .WriteSync([](store::WriteTx& tx) -> Outcome {
                    store::User u;
                    u.handle = "alice";
                    u.created_at = T("2026-01-01T00:00:00Z");
                    WARROOM_RETURN_IF_ERROR(tx.InsertUser(u));
                    store::WebSession s;
                    s.handle = "alice";
                    s.created_at = s.last_seen_at = T("2026-01-01T00:00:00Z");
                    s.expires_at = T("2026-01-08T00:00:00Z");  // ended 2026-01-08
                    store::Hash d{};
                    WARROOM_ASSIGN_OR_RETURN(auto first, tx.InsertSession(d, s));
                    (void)first;
                    s.expires_at = T("2026-02-20T00:00:00Z");  // still live on 02-12
                    d[0] = 1;
                    WARROOM_ASSIGN_OR_RETURN(auto second, tx.InsertSession(d, s));
                    (void)second;
                    return Success();
                  })
                  .ok());
  SessionJanitor janitor(store);
  auto next = janitor.Tick(T("2026-02-12T00:00:00Z"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->within, std::chrono::hours(1));
  ASSERT_TRUE(store
                  .ReadSync([](store::ReadTx& tx) -> Outcome {
                    WARROOM_ASSIGN_OR_RETURN(auto left, tx.ListSessions("alice"));
                    EXPECT_EQ(left.size(), 1u);
                    if (!left.empty()) EXPECT_EQ(left[0].expires_at, T("2026-02-20T00:00:00Z"));
                    return Success();
                  })
                  .ok());
}

}  // namespace
}  // namespace warroom::engine
