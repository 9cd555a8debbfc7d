// The store contract: the status page's subscribers, their one-time tokens
// and the subscription requests counted per client.
#include "store/store_contract_test.hpp"

namespace warroom::store {
namespace {

Hash Digest(unsigned char b) {
  Hash h{};
  h[31] = b;
  return h;
}

Subscriber Email(std::string address, std::vector<std::string> components = {}) {
  Subscriber s;
  s.id = 99;  // ignored: the store numbers them
  s.channel = SubscriberChannel::kEmail;
  s.address = std::move(address);
  s.components = std::move(components);
  s.state = SubscriberState::kPending;
  s.created_at = At(10);
  s.confirmation_requested_at = At(11);
  s.client = "192.0.2.7";
  return s;
}

Subscriber Webhook(std::string url, SubscriberState state = SubscriberState::kConfirmed) {
  Subscriber s;
  s.channel = SubscriberChannel::kWebhook;
  s.address = std::move(url);
  s.state = state;
  s.created_at = At(20);
  if (state == SubscriberState::kConfirmed) s.confirmed_at = At(21);
  s.client = "admin:alice";
  return s;
}

SubscriberToken Token(std::int64_t subscriber, SubscriberTokenPurpose purpose,
                      std::int64_t expires) {
  SubscriberToken t;
  t.subscriber_id = subscriber;
  t.purpose = purpose;
  t.created_at = At(10);
  t.expires_at = At(expires);
  return t;
}

// The ids ListSubscribers answers for `f`.
std::vector<std::int64_t> Ids(ReadTx& tx, const SubscriberFilter& f) {
  std::vector<std::int64_t> ids;
  auto list = tx.ListSubscribers(f);
  EXPECT_TRUE(list.ok()) << list.error().message;
  if (list.ok())
    for (const auto& s : *list) ids.push_back(s.id);
  return ids;
}

using IdList = std::vector<std::int64_t>;

TEST_P(StoreContract, ASubscriberIsFoundByIdAndByAddressWithEveryFieldAndCounted) {
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(
                    auto first, tx.InsertSubscriber(Email("ops@example.com", {"api", "web"})));
                WARROOM_ASSIGN_OR_RETURN(auto second,
                                         tx.InsertSubscriber(Webhook("https://hooks.example/x")));
                EXPECT_EQ(first, 1);
                EXPECT_EQ(second, 2);
                return Success();
              }).ok());
  ASSERT_TRUE(
      Read([](ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto e, tx.FindSubscriber(1));
        if (!e) return Error::NotFound("e: missing");
        EXPECT_EQ(e->id, 1);
        EXPECT_EQ(e->channel, SubscriberChannel::kEmail);
        EXPECT_EQ(e->address, "ops@example.com");
        EXPECT_EQ(e->components, (std::vector<std::string>{"api", "web"}));
        EXPECT_EQ(e->state, SubscriberState::kPending);
        EXPECT_EQ(e->created_at, At(10));
        EXPECT_FALSE(e->confirmed_at.has_value());
        EXPECT_FALSE(e->unsubscribed_at.has_value());
        EXPECT_EQ(e->confirmation_requested_at, At(11));
        EXPECT_EQ(e->client, "192.0.2.7");
        WARROOM_ASSIGN_OR_RETURN(auto w, tx.FindSubscriberByAddress(SubscriberChannel::kWebhook,
                                                                    "https://hooks.example/x"));
        if (!w) return Error::NotFound("w: missing");
        EXPECT_EQ(w->id, 2);
        EXPECT_TRUE(w->components.empty());  // every component
        EXPECT_EQ(w->state, SubscriberState::kConfirmed);
        EXPECT_EQ(w->confirmed_at, At(21));
        EXPECT_FALSE(w->confirmation_requested_at.has_value());
        EXPECT_EQ(w->client, "admin:alice");
        // By channel and address exactly as stored.
        WARROOM_ASSIGN_OR_RETURN(
            auto other_channel,
            tx.FindSubscriberByAddress(SubscriberChannel::kWebhook, "ops@example.com"));
        EXPECT_FALSE(other_channel.has_value());
        WARROOM_ASSIGN_OR_RETURN(
            auto other_case,
            tx.FindSubscriberByAddress(SubscriberChannel::kEmail, "Ops@example.com"));
        EXPECT_FALSE(other_case.has_value());
        WARROOM_ASSIGN_OR_RETURN(auto none, tx.FindSubscriber(3));
        EXPECT_FALSE(none.has_value());
        WARROOM_ASSIGN_OR_RETURN(auto pending, tx.CountSubscribers(SubscriberState::kPending));
        EXPECT_EQ(pending, 1);
        WARROOM_ASSIGN_OR_RETURN(auto confirmed, tx.CountSubscribers(SubscriberState::kConfirmed));
        EXPECT_EQ(confirmed, 1);
        WARROOM_ASSIGN_OR_RETURN(auto gone, tx.CountSubscribers(SubscriberState::kUnsubscribed));
        EXPECT_EQ(gone, 0);
        return Success();
      }).ok());
}

TEST_P(StoreContract, ASubscribersTakenAddressIsAConflictAndWritesNothing) {
  ASSERT_TRUE(Write([](WriteTx& tx) {
                return AsOutcome(tx.InsertSubscriber(Email("ops@example.com")));
              }).ok());
  auto taken = Write([](WriteTx& tx) -> Outcome {
    // The write's earlier rows go with it.
    WARROOM_RETURN_IF_ERROR(AsOutcome(tx.InsertSubscriber(Email("new@example.com"))));
    return AsOutcome(tx.InsertSubscriber(Email("ops@example.com", {"api"})));
  });
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
  // One address on another channel is another subscriber.
  std::int64_t id = 0;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                Subscriber hook = Webhook("ops@example.com");
                WARROOM_ASSIGN_OR_RETURN(id, tx.InsertSubscriber(hook));
                return Success();
              }).ok());
  EXPECT_EQ(id, 2);
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                EXPECT_EQ(Ids(tx, {}), (IdList{1, 2}));
                WARROOM_ASSIGN_OR_RETURN(auto kept, tx.FindSubscriber(1));
                if (!kept) return Error::NotFound("kept: missing");
                EXPECT_TRUE(kept->components.empty());
                WARROOM_ASSIGN_OR_RETURN(
                    auto rolled_back,
                    tx.FindSubscriberByAddress(SubscriberChannel::kEmail, "new@example.com"));
                EXPECT_FALSE(rolled_back.has_value());
                return Success();
              }).ok());
}

TEST_P(StoreContract, ASubscriberUpdateReplacesAllButItsIdentity) {
  ASSERT_TRUE(Write([](WriteTx& tx) {
                return AsOutcome(tx.InsertSubscriber(Email("ops@example.com", {"api", "web"})));
              }).ok());
  Subscriber changed = Email("other@example.com", {});  // the address is not changed here
  changed.id = 1;
  changed.channel = SubscriberChannel::kWebhook;  // nor the channel
  changed.created_at = At(500);                   // nor when it was made
  changed.state = SubscriberState::kUnsubscribed;
  changed.confirmed_at = At(30);
  changed.unsubscribed_at = At(40);
  changed.confirmation_requested_at = std::nullopt;
  changed.client = "198.51.100.4";
  ASSERT_TRUE(Write([&](WriteTx& tx) { return tx.UpdateSubscriber(changed); }).ok());
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto s, tx.FindSubscriber(1));
                if (!s) return Error::NotFound("s: missing");
                EXPECT_EQ(s->channel, SubscriberChannel::kEmail);
                EXPECT_EQ(s->address, "ops@example.com");
                EXPECT_EQ(s->created_at, At(10));
                EXPECT_TRUE(s->components.empty());
                EXPECT_EQ(s->state, SubscriberState::kUnsubscribed);
                EXPECT_EQ(s->confirmed_at, At(30));
                EXPECT_EQ(s->unsubscribed_at, At(40));
                EXPECT_FALSE(s->confirmation_requested_at.has_value());
                EXPECT_EQ(s->client, "198.51.100.4");
                WARROOM_ASSIGN_OR_RETURN(auto gone,
                                         tx.CountSubscribers(SubscriberState::kUnsubscribed));
                EXPECT_EQ(gone, 1);
                return Success();
              }).ok());
  // And from every component back to some.
  changed.components = {"db"};
  ASSERT_TRUE(Write([&](WriteTx& tx) { return tx.UpdateSubscriber(changed); }).ok());
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto s, tx.FindSubscriber(1));
                if (!s) return Error::NotFound("s: missing");
                EXPECT_EQ(s->components, std::vector<std::string>{"db"});
                return Success();
              }).ok());
  Subscriber unknown = changed;
  unknown.id = 7;
  auto missing = Write([&](WriteTx& tx) { return tx.UpdateSubscriber(unknown); });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, SubscriberComponentsThatWouldNotReadBackAreRefused) {
  for (auto bad : {std::vector<std::string>{"api,web"}, std::vector<std::string>{"api", ""}}) {
    auto insert = Write(
        [&](WriteTx& tx) { return AsOutcome(tx.InsertSubscriber(Email("a@example.com", bad))); });
    ASSERT_FALSE(insert.ok());
    EXPECT_EQ(insert.error().code, ErrorCode::kInvalidArgument);
  }
  ASSERT_TRUE(Write([](WriteTx& tx) {
                return AsOutcome(tx.InsertSubscriber(Email("a@example.com", {"api"})));
              }).ok());
  Subscriber s = Email("a@example.com", {"api,web"});
  s.id = 1;
  auto update = Write([&](WriteTx& tx) { return tx.UpdateSubscriber(s); });
  ASSERT_FALSE(update.ok());
  EXPECT_EQ(update.error().code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto kept, tx.FindSubscriber(1));
                if (!kept) return Error::NotFound("kept: missing");
                EXPECT_EQ(kept->components, std::vector<std::string>{"api"});
                return Success();
              }).ok());
}

TEST_P(StoreContract, SubscribersAreListedInIdOrderFilteredAPageAtATime) {
  ASSERT_TRUE(
      Write([](WriteTx& tx) -> Outcome {
        WARROOM_RETURN_IF_ERROR(AsOutcome(tx.InsertSubscriber(Email("1@example.com"))));
        WARROOM_RETURN_IF_ERROR(AsOutcome(tx.InsertSubscriber(Webhook("https://h.example/2"))));
        Subscriber three = Email("3@example.com");
        three.state = SubscriberState::kConfirmed;
        WARROOM_RETURN_IF_ERROR(AsOutcome(tx.InsertSubscriber(three)));
        WARROOM_RETURN_IF_ERROR(AsOutcome(
            tx.InsertSubscriber(Webhook("https://h.example/4", SubscriberState::kUnsubscribed))));
        Subscriber five = Email("5@example.com");
        five.state = SubscriberState::kConfirmed;
        return AsOutcome(tx.InsertSubscriber(five));
      }).ok());
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                EXPECT_EQ(Ids(tx, {}), (IdList{1, 2, 3, 4, 5}));
                SubscriberFilter confirmed;
                confirmed.state = SubscriberState::kConfirmed;
                EXPECT_EQ(Ids(tx, confirmed), (IdList{2, 3, 5}));
                SubscriberFilter hooks;
                hooks.channel = SubscriberChannel::kWebhook;
                EXPECT_EQ(Ids(tx, hooks), (IdList{2, 4}));
                SubscriberFilter confirmed_email = confirmed;
                confirmed_email.channel = SubscriberChannel::kEmail;
                EXPECT_EQ(Ids(tx, confirmed_email), (IdList{3, 5}));
                // Paging: a page of two, then the page after its last id.
                SubscriberFilter page;
                page.limit = 2;
                EXPECT_EQ(Ids(tx, page), (IdList{1, 2}));
                page.after_id = 2;
                EXPECT_EQ(Ids(tx, page), (IdList{3, 4}));
                page.after_id = 4;
                EXPECT_EQ(Ids(tx, page), (IdList{5}));
                page.after_id = 5;
                EXPECT_EQ(Ids(tx, page), IdList{});
                confirmed.after_id = 2;
                confirmed.limit = 1;
                EXPECT_EQ(Ids(tx, confirmed), (IdList{3}));
                return Success();
              }).ok());
}

TEST_P(StoreContract, ASubscriberTokenIsUsedOnceForItsPurposeBeforeItExpires) {
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(AsOutcome(tx.InsertSubscriber(Email("ops@example.com"))));
                auto used = Token(1, SubscriberTokenPurpose::kConfirm, 100);
                used.used_at = At(2);  // ignored: a new token is unused
                WARROOM_RETURN_IF_ERROR(tx.InsertSubscriberToken(Digest(1), used));
                WARROOM_RETURN_IF_ERROR(tx.InsertSubscriberToken(
                    Digest(2), Token(1, SubscriberTokenPurpose::kUnsubscribe, 100)));
                return tx.InsertSubscriberToken(Digest(3),
                                                Token(1, SubscriberTokenPurpose::kConfirm, 40));
              }).ok());
  auto unknown_subscriber = Write([](WriteTx& tx) {
    return tx.InsertSubscriberToken(Digest(4), Token(9, SubscriberTokenPurpose::kConfirm, 100));
  });
  ASSERT_FALSE(unknown_subscriber.ok());
  EXPECT_EQ(unknown_subscriber.error().code, ErrorCode::kConflict);
  auto taken = Write([](WriteTx& tx) {
    return tx.InsertSubscriberToken(Digest(1), Token(1, SubscriberTokenPurpose::kConfirm, 900));
  });
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto t, tx.FindSubscriberToken(Digest(1)));
                if (!t) return Error::NotFound("t: missing");
                EXPECT_EQ(t->subscriber_id, 1);
                EXPECT_EQ(t->purpose, SubscriberTokenPurpose::kConfirm);
                EXPECT_EQ(t->created_at, At(10));
                EXPECT_EQ(t->expires_at, At(100));
                EXPECT_FALSE(t->used_at.has_value());
                WARROOM_ASSIGN_OR_RETURN(auto u, tx.FindSubscriberToken(Digest(2)));
                if (!u) return Error::NotFound("u: missing");
                EXPECT_EQ(u->purpose, SubscriberTokenPurpose::kUnsubscribe);
                WARROOM_ASSIGN_OR_RETURN(auto none, tx.FindSubscriberToken(Digest(4)));
                EXPECT_FALSE(none.has_value());
                return Success();
              }).ok());

  auto use = [&](unsigned char d, SubscriberTokenPurpose p, std::int64_t at) {
    std::optional<SubscriberToken> got;
    Outcome r = Write([&](WriteTx& tx) -> Outcome {
      WARROOM_ASSIGN_OR_RETURN(got, tx.UseSubscriberToken(Digest(d), p, At(at)));
      return Success();
    });
    return std::make_pair(r, got);
  };
  // For another purpose it is not found (the unsubscribe link confirms
  // nothing), and stays unused.
  auto [wrong, no_token] = use(1, SubscriberTokenPurpose::kUnsubscribe, 50);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kNotFound);
  auto [ok, token] = use(1, SubscriberTokenPurpose::kConfirm, 50);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  ASSERT_TRUE(token.has_value());
  EXPECT_EQ(token->subscriber_id, 1);
  EXPECT_EQ(token->purpose, SubscriberTokenPurpose::kConfirm);
  EXPECT_EQ(token->expires_at, At(100));
  EXPECT_EQ(token->used_at, At(50));
  auto [twice, _1] = use(1, SubscriberTokenPurpose::kConfirm, 51);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  // A used one for another purpose is still not found.
  auto [used_wrong, _2] = use(1, SubscriberTokenPurpose::kUnsubscribe, 52);
  ASSERT_FALSE(used_wrong.ok());
  EXPECT_EQ(used_wrong.error().code, ErrorCode::kNotFound);
  // Good until its expiry, not at it.
  auto [expired, _3] = use(3, SubscriberTokenPurpose::kConfirm, 40);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, ErrorCode::kFailedPrecondition);
  auto [unknown, _4] = use(9, SubscriberTokenPurpose::kConfirm, 10);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  auto [leave, left] = use(2, SubscriberTokenPurpose::kUnsubscribe, 60);
  ASSERT_TRUE(leave.ok()) << leave.error().message;
  ASSERT_TRUE(left.has_value());
  EXPECT_EQ(left->purpose, SubscriberTokenPurpose::kUnsubscribe);
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto t, tx.FindSubscriberToken(Digest(1)));
                if (!t) return Error::NotFound("t: missing");
                EXPECT_EQ(t->used_at, At(50));  // the refused uses changed nothing
                WARROOM_ASSIGN_OR_RETURN(auto e, tx.FindSubscriberToken(Digest(3)));
                if (!e) return Error::NotFound("e: missing");
                EXPECT_FALSE(e->used_at.has_value());
                WARROOM_ASSIGN_OR_RETURN(auto u, tx.FindSubscriberToken(Digest(2)));
                if (!u) return Error::NotFound("u: missing");
                EXPECT_EQ(u->used_at, At(60));
                return Success();
              }).ok());
}

TEST_P(StoreContract, ExpiredSubscriberTokensAreForgottenAndCounted) {
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(AsOutcome(tx.InsertSubscriber(Email("ops@example.com"))));
                WARROOM_RETURN_IF_ERROR(tx.InsertSubscriberToken(
                    Digest(1), Token(1, SubscriberTokenPurpose::kConfirm, 30)));
                WARROOM_RETURN_IF_ERROR(tx.InsertSubscriberToken(
                    Digest(2), Token(1, SubscriberTokenPurpose::kUnsubscribe, 40)));
                WARROOM_RETURN_IF_ERROR(tx.InsertSubscriberToken(
                    Digest(3), Token(1, SubscriberTokenPurpose::kConfirm, 50)));
                return tx.InsertSubscriberToken(
                    Digest(4), Token(1, SubscriberTokenPurpose::kUnsubscribe, 900));
              }).ok());
  // A used one goes by its expiry too.
  ASSERT_TRUE(Write([](WriteTx& tx) {
                return AsOutcome(
                    tx.UseSubscriberToken(Digest(2), SubscriberTokenPurpose::kUnsubscribe, At(35)));
              }).ok());
  std::int64_t forgotten = -1;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(forgotten, tx.ForgetSubscriberTokens(At(50)));
                return Success();
              }).ok());
  EXPECT_EQ(forgotten, 2);  // 1 and 2; 3 expires at 50, not before it
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto again, tx.ForgetSubscriberTokens(At(50)));
                EXPECT_EQ(again, 0);
                return Success();
              }).ok());
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                for (unsigned char d : {1, 2}) {
                  WARROOM_ASSIGN_OR_RETURN(auto gone, tx.FindSubscriberToken(Digest(d)));
                  EXPECT_FALSE(gone.has_value()) << int(d);
                }
                for (unsigned char d : {3, 4}) {
                  WARROOM_ASSIGN_OR_RETURN(auto kept, tx.FindSubscriberToken(Digest(d)));
                  EXPECT_TRUE(kept.has_value()) << int(d);
                }
                // The subscriber stays.
                WARROOM_ASSIGN_OR_RETURN(auto s, tx.FindSubscriber(1));
                EXPECT_TRUE(s.has_value());
                return Success();
              }).ok());
}

TEST_P(StoreContract, DeletingASubscriberRemovesItsTokensAndFreesItsAddress) {
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_RETURN_IF_ERROR(AsOutcome(tx.InsertSubscriber(Email("ops@example.com"))));
                WARROOM_RETURN_IF_ERROR(AsOutcome(tx.InsertSubscriber(Email("dev@example.com"))));
                WARROOM_RETURN_IF_ERROR(tx.InsertSubscriberToken(
                    Digest(1), Token(1, SubscriberTokenPurpose::kConfirm, 100)));
                WARROOM_RETURN_IF_ERROR(tx.InsertSubscriberToken(
                    Digest(2), Token(1, SubscriberTokenPurpose::kUnsubscribe, 100)));
                return tx.InsertSubscriberToken(Digest(3),
                                                Token(2, SubscriberTokenPurpose::kConfirm, 100));
              }).ok());
  ASSERT_TRUE(Write([](WriteTx& tx) { return tx.DeleteSubscriber(1); }).ok());
  auto again = Write([](WriteTx& tx) { return tx.DeleteSubscriber(1); });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
  auto unknown = Write([](WriteTx& tx) { return tx.DeleteSubscriber(77); });
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(Read([](ReadTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto s, tx.FindSubscriber(1));
                EXPECT_FALSE(s.has_value());
                for (unsigned char d : {1, 2}) {
                  WARROOM_ASSIGN_OR_RETURN(auto gone, tx.FindSubscriberToken(Digest(d)));
                  EXPECT_FALSE(gone.has_value()) << int(d);
                }
                WARROOM_ASSIGN_OR_RETURN(auto other, tx.FindSubscriberToken(Digest(3)));
                EXPECT_TRUE(other.has_value());
                EXPECT_EQ(Ids(tx, {}), IdList{2});
                WARROOM_ASSIGN_OR_RETURN(auto pending,
                                         tx.CountSubscribers(SubscriberState::kPending));
                EXPECT_EQ(pending, 1);
                return Success();
              }).ok());
  // Its token is gone for good: using it is as for one never made.
  auto use = Write([](WriteTx& tx) {
    return AsOutcome(tx.UseSubscriberToken(Digest(1), SubscriberTokenPurpose::kConfirm, At(20)));
  });
  ASSERT_FALSE(use.ok());
  EXPECT_EQ(use.error().code, ErrorCode::kNotFound);
  // The address may subscribe again, and its old digest be reused.
  ASSERT_TRUE(Write([](WriteTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(auto id, tx.InsertSubscriber(Email("ops@example.com")));
                return tx.InsertSubscriberToken(Digest(1),
                                                Token(id, SubscriberTokenPurpose::kConfirm, 100));
              }).ok());
}

TEST_P(StoreContract, SubscriberRequestsAreCountedPerKeyWithinTheirWindow) {
  auto count = [&](const std::string& key, std::int64_t at, std::int64_t since) {
    std::int64_t n = -1;
    EXPECT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                  WARROOM_ASSIGN_OR_RETURN(n, tx.CountSubscribeRequest(key, At(at), At(since)));
                  return Success();
                }).ok());
    return n;
  };
  EXPECT_EQ(count("client:192.0.2.7", 10, 0), 1);  // this one included
  EXPECT_EQ(count("client:192.0.2.7", 20, 0), 2);
  EXPECT_EQ(count("client:198.51.100.4", 20, 0), 1);  // a key of its own
  EXPECT_EQ(count("client:192.0.2.7", 30, 15), 2);    // 20 and 30: 10 is before the window
  EXPECT_EQ(count("client:192.0.2.7", 30, 20), 3);    // at `since` is inside it
  // Requests before a window are forgotten: a later, wider window does not
  // find them again.
  EXPECT_EQ(count("client:192.0.2.7", 100, 95), 1);
  EXPECT_EQ(count("client:192.0.2.7", 101, 0), 2);
  EXPECT_EQ(count("client:198.51.100.4", 101, 0), 2);  // the other key's rows were kept
}

}  // namespace
}  // namespace warroom::store
