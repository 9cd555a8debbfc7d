#include "engine/admin_reset.hpp"

#include <gtest/gtest.h>

#include "core/incident/event.hpp"
#include "engine/stored_events.hpp"
#include "engine/tokens.hpp"
#include "store/memory/memory_store.hpp"

namespace warroom::engine {
namespace {

TimePoint T(const char* s) { return *ParseTime(s); }

std::vector<core::Event> AdminChain(store::Store& store) {
  std::vector<core::Event> out;
  EXPECT_TRUE(store
                  .ReadSync([&](store::ReadTx& tx) -> Outcome {
                    WARROOM_ASSIGN_OR_RETURN(auto rows,
                                             tx.LoadEvents(std::string(core::events::kAdminChain)));
                    WARROOM_ASSIGN_OR_RETURN(out, FromStored(rows));
                    return Success();
                  })
                  .ok());
  return out;
}

TEST(AdminReset, CreatesAMissingAdminWithATokenAndALinkAndRecordsItOnTheAdminChain) {
  store::memory::MemoryStore store;
  SimulatedClock clock(T("2026-02-12T14:00:00Z"));
  auto r = ResetAdmin(store, clock, {"rescue", "ops@host", "lost token"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->created);
  EXPECT_TRUE(LooksLikeToken(r->token));
  EXPECT_EQ(r->link_expires_at, T("2026-02-12T14:15:00Z"));
  auto chain = AdminChain(store);
  ASSERT_EQ(chain.size(), 1u);
  EXPECT_EQ(chain[0].global_seq, r->global_seq);
  EXPECT_EQ(chain[0].actor, core::Actor::System());
  core::events::AdminReset want{"rescue", "ops@host", "lost token", true, false, false, 0, 0};
  EXPECT_EQ(std::get<core::events::AdminReset>(chain[0].payload), want);
  ASSERT_TRUE(
      store
          .ReadSync([&](store::ReadTx& tx) -> Outcome {
            WARROOM_ASSIGN_OR_RETURN(auto grant, tx.FindTokenByDigest(TokenDigest(r->token)));
            EXPECT_TRUE(grant.has_value());
            if (grant) EXPECT_EQ(grant->user.permission, store::Permission::kAdmin);
            WARROOM_ASSIGN_OR_RETURN(auto link, tx.FindSignInLink(TokenDigest(r->link_secret)));
            EXPECT_TRUE(link.has_value());
            return Success();
          })
          .ok());
}

TEST(AdminReset, PromotesEnablesAndRevokesWhatTheUserHadWhenAsked) {
  store::memory::MemoryStore store;
  SimulatedClock clock(T("2026-02-12T14:00:00Z"));
  ASSERT_TRUE(store
                  .WriteSync([&](store::WriteTx& tx) -> Outcome {
                    store::User u;
                    u.handle = "alice";
                    u.permission = store::Permission::kViewer;
                    u.created_at = clock.Now();
                    u.disabled_at = clock.Now();
                    WARROOM_RETURN_IF_ERROR(tx.InsertUser(u));
                    store::ApiToken t{0,           "alice", "old", store::Permission::kViewer,
                                      clock.Now(), {},      {},    {}};
                    WARROOM_ASSIGN_OR_RETURN(auto id,
                                             tx.InsertToken(TokenDigest(NewTokenSecret()), t));
                    (void)id;
                    return Success();
                  })
                  .ok());
  auto r = ResetAdmin(store, clock, {"alice", "ops@host", "", /*revoke=*/true});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FALSE(r->created);
  EXPECT_TRUE(r->promoted);
  EXPECT_TRUE(r->enabled);
  EXPECT_EQ(r->tokens_revoked, 1);
  // A second reset continues the chain.
  auto again = ResetAdmin(store, clock, {"alice", "ops@host", ""});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->promoted);
  auto chain = AdminChain(store);
  ASSERT_EQ(chain.size(), 2u);
  EXPECT_EQ(chain[1].incident_seq, 2);
}

TEST(AdminReset, ABadHandleWritesNothing) {
  store::memory::MemoryStore store;
  SimulatedClock clock(T("2026-02-12T14:00:00Z"));
  auto r = ResetAdmin(store, clock, {"Not A Handle", "ops@host", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(AdminChain(store).empty());
}

}  // namespace
}  // namespace warroom::engine
