// The store contract: users, their tokens, and integrations.
#include <future>

#include "store/store_contract_test.hpp"

namespace warroom::store {
namespace {

Hash Digest(unsigned char b) {
  Hash h{};
  h[0] = b;
  return h;
}

ApiToken Token(std::string handle, Permission scope) {
  ApiToken t;
  t.handle = std::move(handle);
  t.label = "laptop";
  t.scope = scope;
  t.created_at = At(2);
  t.expires_at = At(100);
  t.revoked_at = At(3);  // ignored: a new token is live
  return t;
}

TEST_P(StoreContract, UsersAreUniqueCountedAndChangedByHandle) {
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.InsertUser(Person("zoe", Permission::kAdmin)));
                WARROOM_RETURN_IF_ERROR(tx.InsertUser(Person("amy", Permission::kAdmin)));
                return tx.InsertUser(Person("bob", Permission::kViewer));
              }).ok());
  auto dup = Write([](WriteTx& tx) { return tx.InsertUser(Person("amy", Permission::kViewer)); });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.SetUserDisabled("zoe", At(5)));
                return tx.SetUserPermission("bob", Permission::kResponder);
              }).ok());
  for (auto code : {ErrorCode::kNotFound}) {
    auto a = Write([](WriteTx& tx) { return tx.SetUserDisabled("nobody", std::nullopt); });
    auto b = Write([](WriteTx& tx) { return tx.SetUserPermission("nobody", Permission::kAdmin); });
    ASSERT_FALSE(a.ok());
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(a.error().code, code);
    EXPECT_EQ(b.error().code, code);
  }
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto users, tx.CountUsers());
                EXPECT_EQ(users, 3);
                WARROOM_ASSIGN_OR_RETURN(auto admins, tx.CountActiveAdmins());
                EXPECT_EQ(admins, 1);  // zoe is disabled
                WARROOM_ASSIGN_OR_RETURN(auto list, tx.ListUsers());
                EXPECT_EQ(list.size(), 3u);
                if (list.size() == 3) EXPECT_EQ(list[0].handle, "amy");  // by handle
                WARROOM_ASSIGN_OR_RETURN(auto bob, tx.FindUser("bob"));
                EXPECT_EQ(bob->permission, Permission::kResponder);
                EXPECT_EQ(bob->email, "bob@example.com");
                WARROOM_ASSIGN_OR_RETURN(auto zoe, tx.FindUser("zoe"));
                EXPECT_EQ(zoe->disabled_at, At(5));
                WARROOM_ASSIGN_OR_RETURN(auto none, tx.FindUser("nobody"));
                EXPECT_FALSE(none);
                return Success();
              }).ok());
  ASSERT_TRUE(Write([](WriteTx& tx) { return tx.SetUserDisabled("zoe", std::nullopt); }).ok());
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto admins, tx.CountActiveAdmins());
                EXPECT_EQ(admins, 2);
                return Success();
              }).ok());
}

TEST_P(StoreContract, TokensAreFoundByDigestWithTheirUserAndRevokedOnce) {
  std::int64_t first = 0, second = 0;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.InsertUser(Person("amy", Permission::kAdmin)));
                WARROOM_RETURN_IF_ERROR(tx.InsertUser(Person("bob", Permission::kViewer)));
                WARROOM_ASSIGN_OR_RETURN(
                    first, tx.InsertToken(Digest(1), Token("amy", Permission::kResponder)));
                WARROOM_ASSIGN_OR_RETURN(
                    second, tx.InsertToken(Digest(2), Token("bob", Permission::kViewer)));
                return Success();
              }).ok());
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 2);
  auto orphan = Write([](WriteTx& tx) {
    return AsOutcome(tx.InsertToken(Digest(3), Token("nobody", Permission::kViewer)));
  });
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().code, ErrorCode::kConflict);
  auto same = Write([](WriteTx& tx) {
    return AsOutcome(tx.InsertToken(Digest(1), Token("bob", Permission::kViewer)));
  });
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.TouchTokens({1, 42}, At(7)));
                return tx.RevokeToken(2, At(8));
              }).ok());
  auto again = Write([](WriteTx& tx) { return tx.RevokeToken(2, At(9)); });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  auto unknown = Write([](WriteTx& tx) { return tx.RevokeToken(42, At(9)); });
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto grant, tx.FindTokenByDigest(Digest(1)));
                EXPECT_TRUE(grant);
                if (!grant) return Success();
                EXPECT_EQ(grant->token.id, 1);
                EXPECT_EQ(grant->token.scope, Permission::kResponder);
                EXPECT_EQ(grant->token.expires_at, At(100));
                EXPECT_EQ(grant->token.last_used_at, At(7));
                EXPECT_FALSE(grant->token.revoked_at);
                EXPECT_EQ(grant->user.handle, "amy");
                EXPECT_EQ(grant->user.permission, Permission::kAdmin);
                WARROOM_ASSIGN_OR_RETURN(auto revoked, tx.FindToken(2));
                EXPECT_EQ(revoked->revoked_at, At(8));
                WARROOM_ASSIGN_OR_RETURN(auto none, tx.FindTokenByDigest(Digest(9)));
                EXPECT_FALSE(none);
                WARROOM_ASSIGN_OR_RETURN(auto all, tx.ListTokens(""));
                EXPECT_EQ(all.size(), 2u);
                WARROOM_ASSIGN_OR_RETURN(auto bobs, tx.ListTokens("bob"));
                EXPECT_EQ(bobs.size(), 1u);
                return Success();
              }).ok());
}

TEST_P(StoreContract, IntegrationsAreFoundByTheirKeyWhileEnabledAndRotated) {
  Integration am{"am", core::Sender::kAlertmanager, false, At(1), At(2), At(3),
                 9};  // only name, type, created
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.InsertIntegration(am, Digest(1)));
                Integration gf{"gf", core::Sender::kGrafana, true, At(1), {}, {}, 0};
                return tx.InsertIntegration(gf, Digest(2));
              }).ok());
  auto dup = Write([&](WriteTx& tx) { return tx.InsertIntegration(am, Digest(5)); });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  auto find = [&](unsigned char key) {
    std::string name;
    EXPECT_TRUE(Read([&](ReadTx& tx) -> Outcome {
                  WARROOM_ASSIGN_OR_RETURN(auto i, tx.FindIntegrationByDigest(Digest(key)));
                  if (i) name = i->name;
                  return Success();
                }).ok());
    return name;
  };
  EXPECT_EQ(find(1), "am");
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.RecordReport("am", At(20)));
                WARROOM_RETURN_IF_ERROR(tx.RecordReport("am", At(10)));  // late: the time stays
                WARROOM_RETURN_IF_ERROR(tx.RecordReport("nobody", At(10)));
                WARROOM_RETURN_IF_ERROR(tx.SetIntegrationEnabled("gf", false));
                return tx.RotateIntegrationKey("am", Digest(3), At(30));
              }).ok());
  EXPECT_EQ(find(1), "");  // the old key stops working at once
  EXPECT_EQ(find(3), "am");
  EXPECT_EQ(find(2), "");  // disabled
  for (auto r :
       {Write([](WriteTx& tx) { return tx.SetIntegrationEnabled("x", true); }),
        Write([](WriteTx& tx) { return tx.RotateIntegrationKey("x", Digest(4), At(1)); })}) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  }
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto all, tx.ListIntegrations());
                EXPECT_EQ(all.size(), 2u);
                if (all.size() != 2) return Success();
                EXPECT_EQ(all[0].name, "am");
                EXPECT_TRUE(all[0].enabled);
                EXPECT_EQ(all[0].reports, 2);
                EXPECT_EQ(all[0].last_report_at, At(20));
                EXPECT_EQ(all[0].rotated_at, At(30));
                EXPECT_EQ(all[0].created_at, At(1));
                EXPECT_EQ(all[0].type, core::Sender::kAlertmanager);
                EXPECT_EQ(all[1].type, core::Sender::kGrafana);
                EXPECT_FALSE(all[1].enabled);
                EXPECT_EQ(all[1].reports, 0);
                EXPECT_FALSE(all[1].last_report_at);
                return Success();
              }).ok());
}

// Reports of writes queued together (one group commit in the SQLite
// adapter, which counts them in memory and writes them before COMMIT): each
// kept write's report counts once, and a refused write's report, time
// included, goes with its rollback.
TEST_P(StoreContract, ReportsOfRefusedWritesAreNotCountedAmongKeptOnes) {
  Integration am{"am", core::Sender::kAlertmanager, true, At(1), {}, {}, 0};
  ASSERT_TRUE(Write([&](WriteTx& tx) { return tx.InsertIntegration(am, Digest(1)); }).ok());
  std::vector<std::future<Outcome>> results;
  auto refused = [](int i) { return i % 3 == 1 || i == 29; };
  for (int i = 0; i < 30; ++i) {
    auto p = std::make_shared<std::promise<Outcome>>();
    results.push_back(p->get_future());
    store_->Write(
        [i, refused](WriteTx& tx) -> Outcome {
          WARROOM_RETURN_IF_ERROR(tx.RecordReport("am", At(100 + i)));
          WARROOM_RETURN_IF_ERROR(tx.RecordReport("nobody", At(100 + i)));
          if (refused(i)) return Error::InvalidArgument("refused on purpose");
          return Success();
        },
        [p](Outcome r) { p->set_value(std::move(r)); });
  }
  for (int i = 0; i < 30; ++i) EXPECT_EQ(results[i].get().ok(), !refused(i)) << i;
  ASSERT_TRUE(Write([](WriteTx& tx) { return tx.RecordReport("am", At(50)); }).ok());  // late
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto all, tx.ListIntegrations());
                EXPECT_EQ(all.size(), 1u);  // "nobody" was not made
                if (all.empty()) return Success();
                EXPECT_EQ(all[0].reports, 30 - 10 - 1 + 1);
                EXPECT_EQ(all[0].last_report_at, At(127));  // 128 and 129 were refused
                return Success();
              }).ok());
}

}  // namespace
}  // namespace warroom::store
