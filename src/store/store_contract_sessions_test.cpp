// The store contract: browser sessions, passwords, one-time sign-in links,
// failed sign-ins and users' contact details.
#include "store/store_contract_test.hpp"

namespace warroom::store {
namespace {

Hash Digest(unsigned char b) {
  Hash h{};
  h[31] = b;
  return h;
}

WebSession Session(std::string handle, std::int64_t created, std::int64_t expires) {
  WebSession s;
  s.handle = std::move(handle);
  s.created_at = At(created);
  s.last_seen_at = At(created);
  s.expires_at = At(expires);
  s.revoked_at = At(created);  // ignored: a new session is live
  s.client = "192.0.2.7";
  s.user_agent = "Mozilla/5.0 (X11; Linux x86_64)";
  return s;
}

TEST_P(StoreContract, ASessionIsFoundByItsDigestWithItsUserAndListedNewestFirst) {
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.InsertUser(Person("alice")));
                WARROOM_ASSIGN_OR_RETURN(auto first,
                                         tx.InsertSession(Digest(1), Session("alice", 10, 100)));
                WARROOM_ASSIGN_OR_RETURN(auto second,
                                         tx.InsertSession(Digest(2), Session("alice", 20, 200)));
                EXPECT_EQ(first, 1);
                EXPECT_EQ(second, 2);
                return Success();
              }).ok());
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto g, tx.FindSessionByDigest(Digest(2)));
                EXPECT_TRUE(g.has_value());
                if (!g) return Success();
                EXPECT_EQ(g->session.id, 2);
                EXPECT_EQ(g->session.handle, "alice");
                EXPECT_EQ(g->session.created_at, At(20));
                EXPECT_EQ(g->session.last_seen_at, At(20));
                EXPECT_EQ(g->session.expires_at, At(200));
                EXPECT_FALSE(g->session.revoked_at.has_value());
                EXPECT_EQ(g->session.client, "192.0.2.7");
                EXPECT_EQ(g->session.user_agent, "Mozilla/5.0 (X11; Linux x86_64)");
                EXPECT_EQ(g->user.email, "alice@example.com");
                WARROOM_ASSIGN_OR_RETURN(auto none, tx.FindSessionByDigest(Digest(9)));
                EXPECT_FALSE(none.has_value());
                WARROOM_ASSIGN_OR_RETURN(auto list, tx.ListSessions("alice"));
                EXPECT_EQ(list.size(), 2u);
                if (list.size() == 2) {
                  EXPECT_EQ(list[0].id, 2);
                  EXPECT_EQ(list[1].id, 1);
                }
                WARROOM_ASSIGN_OR_RETURN(auto nobody, tx.ListSessions("nobody"));
                EXPECT_TRUE(nobody.empty());
                return Success();
              }).ok());
}

TEST_P(StoreContract, ASessionOfAnUnknownUserOrATakenDigestIsAConflictAndWritesNothing) {
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.InsertUser(Person("alice")));
                return AsOutcome(tx.InsertSession(Digest(1), Session("alice", 10, 100)));
              }).ok());
  auto unknown = Write([](WriteTx& tx) {
    return AsOutcome(tx.InsertSession(Digest(2), Session("nobody", 10, 100)));
  });
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kConflict);
  auto taken = Write([](WriteTx& tx) {
    return AsOutcome(tx.InsertSession(Digest(1), Session("alice", 11, 100)));
  });
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto list, tx.ListSessions("alice"));
                EXPECT_EQ(list.size(), 1u);
                WARROOM_ASSIGN_OR_RETURN(auto g, tx.FindSessionByDigest(Digest(2)));
                EXPECT_FALSE(g.has_value());
                return Success();
              }).ok());
}

TEST_P(StoreContract, SessionsAreTouchedRevokedOnceAndRevokedTogether) {
  ASSERT_TRUE(
      Write([](WriteTx& tx) -> Outcome {
        WARROOM_RETURN_IF_ERROR(tx.InsertUser(Person("alice")));
        WARROOM_RETURN_IF_ERROR(tx.InsertUser(Person("bob")));
        for (unsigned char d : {1, 2, 3})
          WARROOM_RETURN_IF_ERROR(
              AsOutcome(tx.InsertSession(Digest(d), Session("alice", 10, 100))));
        // One already expired at 50: not counted as revoked there.
        WARROOM_RETURN_IF_ERROR(AsOutcome(tx.InsertSession(Digest(4), Session("alice", 10, 40))));
        WARROOM_RETURN_IF_ERROR(AsOutcome(tx.InsertSession(Digest(5), Session("bob", 10, 100))));
        WARROOM_RETURN_IF_ERROR(tx.TouchSession(1, At(30)));
        WARROOM_RETURN_IF_ERROR(tx.TouchSession(99, At(30)));  // unknown: ignored
        return tx.RevokeSession(2, At(31));
      }).ok());
  auto again = Write([](WriteTx& tx) { return tx.RevokeSession(2, At(32)); });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  auto unknown = Write([](WriteTx& tx) { return tx.RevokeSession(99, At(32)); });
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  std::int64_t revoked = -1;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(revoked, tx.RevokeSessions("alice", At(50)));
                return Success();
              }).ok());
  EXPECT_EQ(revoked, 2);  // 1 and 3: 2 was revoked, 4 had expired
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto one, tx.FindSessionByDigest(Digest(1)));
                if (!one) return Error::NotFound("one: missing");
                EXPECT_EQ(one->session.last_seen_at, At(30));
                EXPECT_EQ(one->session.revoked_at, At(50));
                WARROOM_ASSIGN_OR_RETURN(auto two, tx.FindSessionByDigest(Digest(2)));
                if (!two) return Error::NotFound("two: missing");
                EXPECT_EQ(two->session.revoked_at, At(31));
                WARROOM_ASSIGN_OR_RETURN(auto four, tx.FindSessionByDigest(Digest(4)));
                if (!four) return Error::NotFound("four: missing");
                EXPECT_FALSE(four->session.revoked_at.has_value());
                WARROOM_ASSIGN_OR_RETURN(auto bobs, tx.FindSessionByDigest(Digest(5)));
                if (!bobs) return Error::NotFound("bobs: missing");
                EXPECT_FALSE(bobs->session.revoked_at.has_value());
                return Success();
              }).ok());
}

TEST_P(StoreContract, EndedSessionsAndExpiredLinksAreForgotten) {
  ASSERT_TRUE(
      Write([](WriteTx& tx) -> Outcome {
        WARROOM_RETURN_IF_ERROR(tx.InsertUser(Person("alice")));
        WARROOM_RETURN_IF_ERROR(AsOutcome(tx.InsertSession(Digest(1), Session("alice", 10, 40))));
        WARROOM_RETURN_IF_ERROR(AsOutcome(tx.InsertSession(Digest(2), Session("alice", 10, 100))));
        WARROOM_RETURN_IF_ERROR(AsOutcome(tx.InsertSession(Digest(3), Session("alice", 10, 100))));
        WARROOM_RETURN_IF_ERROR(tx.RevokeSession(3, At(45)));
        WARROOM_RETURN_IF_ERROR(
            tx.InsertSignInLink(Digest(7), SignInLink{"alice", At(1), At(40), std::nullopt}));
        return tx.InsertSignInLink(Digest(8), SignInLink{"alice", At(1), At(900), std::nullopt});
      }).ok());
  std::int64_t forgotten = -1;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(forgotten, tx.ForgetSessions(At(50)));
                return Success();
              }).ok());
  EXPECT_EQ(forgotten, 3);  // session 1 (expired), 3 (revoked), link 7
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto list, tx.ListSessions("alice"));
                EXPECT_EQ(list.size(), 1u);
                if (!list.empty()) EXPECT_EQ(list[0].id, 2);
                WARROOM_ASSIGN_OR_RETURN(auto gone, tx.FindSignInLink(Digest(7)));
                EXPECT_FALSE(gone.has_value());
                WARROOM_ASSIGN_OR_RETURN(auto kept, tx.FindSignInLink(Digest(8)));
                EXPECT_TRUE(kept.has_value());
                return Success();
              }).ok());
}

TEST_P(StoreContract, APasswordHashIsSetReadAndClearedByHandle) {
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.InsertUser(Person("alice")));
                WARROOM_RETURN_IF_ERROR(tx.InsertUser(Person("bob")));
                return tx.SetPasswordHash("alice", "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA");
              }).ok());
  auto unknown = Write([](WriteTx& tx) { return tx.SetPasswordHash("nobody", "x"); });
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto a, tx.FindPasswordHash("alice"));
                EXPECT_EQ(a, "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA");
                WARROOM_ASSIGN_OR_RETURN(auto b, tx.FindPasswordHash("bob"));
                EXPECT_EQ(b, "");
                auto none = tx.FindPasswordHash("nobody");
                EXPECT_FALSE(none.ok());
                if (!none.ok()) EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
                return Success();
              }).ok());
  ASSERT_TRUE(Write([](WriteTx& tx) { return tx.SetPasswordHash("alice", ""); }).ok());
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto a, tx.FindPasswordHash("alice"));
                EXPECT_EQ(a, "");
                return Success();
              }).ok());
}

TEST_P(StoreContract, FailedSignInsCountUpAndStartAgainAfterAQuietSpell) {
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.RecordSignInFailure("account:alice", At(10), At(0)));
                WARROOM_RETURN_IF_ERROR(tx.RecordSignInFailure("account:alice", At(20), At(5)));
                return tx.RecordSignInFailure("client:192.0.2.7", At(20), At(5));
              }).ok());
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto a, tx.FindSignInFailures("account:alice"));
                EXPECT_TRUE(a.has_value());
                if (a) {
                  EXPECT_EQ(a->failures, 2);
                  EXPECT_EQ(a->last_failed_at, At(20));
                }
                WARROOM_ASSIGN_OR_RETURN(auto none, tx.FindSignInFailures("account:bob"));
                EXPECT_FALSE(none.has_value());
                return Success();
              }).ok());
  // The last failure (20) is before the reset point (25): one again.
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(tx.RecordSignInFailure("account:alice", At(900), At(25)));
                return tx.ClearSignInFailures("client:192.0.2.7");
              }).ok());
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto a, tx.FindSignInFailures("account:alice"));
                if (!a) return Error::NotFound("a: missing");
                EXPECT_EQ(a->failures, 1);
                EXPECT_EQ(a->last_failed_at, At(900));
                WARROOM_ASSIGN_OR_RETURN(auto c, tx.FindSignInFailures("client:192.0.2.7"));
                EXPECT_FALSE(c.has_value());
                return Success();
              }).ok());
}

TEST_P(StoreContract, ASignInLinkIsUsedOnceBeforeItExpires) {
  ASSERT_TRUE(
      Write([](WriteTx& tx) -> Outcome {
        WARROOM_RETURN_IF_ERROR(tx.InsertUser(Person("alice")));
        WARROOM_RETURN_IF_ERROR(
            tx.InsertSignInLink(Digest(1), SignInLink{"alice", At(1), At(100), At(2)}));
        return tx.InsertSignInLink(Digest(2), SignInLink{"alice", At(1), At(100), std::nullopt});
      }).ok());
  auto unknown_user = Write([](WriteTx& tx) {
    return tx.InsertSignInLink(Digest(3), SignInLink{"nobody", At(1), At(100), std::nullopt});
  });
  ASSERT_FALSE(unknown_user.ok());
  EXPECT_EQ(unknown_user.error().code, ErrorCode::kConflict);
  auto taken = Write([](WriteTx& tx) {
    return tx.InsertSignInLink(Digest(1), SignInLink{"alice", At(1), At(100), std::nullopt});
  });
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);

  std::string who;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(who, tx.UseSignInLink(Digest(1), At(50)));
                return Success();
              }).ok());
  EXPECT_EQ(who, "alice");  // its used_at at insertion was ignored
  auto twice = Write([](WriteTx& tx) { return AsOutcome(tx.UseSignInLink(Digest(1), At(51))); });
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  auto expired = Write([](WriteTx& tx) { return AsOutcome(tx.UseSignInLink(Digest(2), At(100))); });
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, ErrorCode::kFailedPrecondition);
  auto none = Write([](WriteTx& tx) { return AsOutcome(tx.UseSignInLink(Digest(9), At(10))); });
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto l, tx.FindSignInLink(Digest(1)));
                if (!l) return Error::NotFound("l: missing");
                EXPECT_EQ(l->used_at, At(50));
                EXPECT_EQ(l->expires_at, At(100));
                WARROOM_ASSIGN_OR_RETURN(auto e, tx.FindSignInLink(Digest(2)));
                if (!e) return Error::NotFound("e: missing");
                EXPECT_FALSE(e->used_at.has_value());
                return Success();
              }).ok());
}

TEST_P(StoreContract, AUsersContactDetailsChangeAndNothingElse) {
  ASSERT_TRUE(
      Write([](WriteTx& tx) { return tx.InsertUser(Person("alice", Permission::kAdmin)); }).ok());
  User changed = Person("alice", Permission::kViewer);  // the permission is not changed here
  changed.name = "Alice Example";
  changed.email = "alice@corp.example";
  changed.chat_handle = "@alice";
  changed.slack_member_id = "U0123ABCD";
  changed.phone = "+15555550100";
  changed.disabled_at = At(9);
  ASSERT_TRUE(Write([&](WriteTx& tx) { return tx.UpdateUserContact(changed); }).ok());
  auto unknown = Write([](WriteTx& tx) { return tx.UpdateUserContact(Person("nobody")); });
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto u, tx.FindUser("alice"));
                if (!u) return Error::NotFound("u: missing");
                EXPECT_EQ(u->name, "Alice Example");
                EXPECT_EQ(u->email, "alice@corp.example");
                EXPECT_EQ(u->chat_handle, "@alice");
                EXPECT_EQ(u->slack_member_id, "U0123ABCD");
                EXPECT_EQ(u->phone, "+15555550100");
                EXPECT_EQ(u->permission, Permission::kAdmin);
                EXPECT_FALSE(u->disabled_at.has_value());
                return Success();
              }).ok());
}

}  // namespace
}  // namespace warroom::store
