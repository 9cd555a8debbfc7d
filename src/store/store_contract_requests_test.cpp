// The store contract: answers kept under Idempotency-Keys, per caller,
// recorded once, rolled back with their write, and forgotten by age; and the
// simulated time every instance shares.
#include "store/store_contract_test.hpp"

namespace warroom::store {
namespace {

RequestRecord Req(std::string caller, std::string key, std::int64_t at) {
  RequestRecord r;
  r.caller = std::move(caller);
  r.key = std::move(key);
  r.method = "POST";
  r.path = "/api/v1/incidents";
  r.body_digest[0] = 7;
  r.body_digest[31] = 9;
  r.status = 201;
  r.content_type = "application/json";
  r.answer = std::string("{\"id\":\"INC-1\"}\0\xff", 16);
  r.at = At(at);
  return r;
}

std::optional<RequestRecord> FindReq(Store& s, const std::string& caller, const std::string& key) {
  std::optional<RequestRecord> out;
  EXPECT_TRUE(s.ReadSync([&](ReadTx& tx) -> Outcome {
                 WARROOM_ASSIGN_OR_RETURN(out, tx.FindRequest(caller, key));
                 return Success();
               }).ok());
  return out;
}

TEST_P(StoreContract, RequestsAreKeptPerCallerOnceAndComeBackExactly) {
  EXPECT_FALSE(FindReq(*store_, "alice", "k1"));
  RequestRecord r = Req("alice", "k1", 10);
  ASSERT_TRUE(Write([&](WriteTx& tx) { return tx.RecordRequest(r); }).ok());
  auto got = FindReq(*store_, "alice", "k1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->method, "POST");
  EXPECT_EQ(got->path, "/api/v1/incidents");
  EXPECT_EQ(got->body_digest, r.body_digest);
  EXPECT_EQ(got->status, 201);
  EXPECT_EQ(got->content_type, "application/json");
  EXPECT_EQ(got->answer, r.answer);  // bytes, NUL included
  EXPECT_EQ(got->at, At(10));
  // Another caller's key of the same text is another record.
  EXPECT_FALSE(FindReq(*store_, "bob", "k1"));
  EXPECT_TRUE(Write([&](WriteTx& tx) { return tx.RecordRequest(Req("bob", "k1", 11)); }).ok());
  // The same caller's key again is refused, and changes nothing.
  RequestRecord again = Req("alice", "k1", 12);
  again.status = 500;
  Outcome dup = Write([&](WriteTx& tx) { return tx.RecordRequest(again); });
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(FindReq(*store_, "alice", "k1")->status, 201);
}

TEST_P(StoreContract, ARequestRecordIsRolledBackWithItsWriteAndForgottenByAge) {
  Outcome refused = Write([&](WriteTx& tx) -> Outcome {
    WARROOM_RETURN_IF_ERROR(tx.RecordRequest(Req("alice", "gone", 10)));
    return Error::InvalidArgument("the command was refused after all");
  });
  EXPECT_FALSE(refused.ok());
  EXPECT_FALSE(FindReq(*store_, "alice", "gone"));
  for (std::int64_t at : {10, 20, 30})
    ASSERT_TRUE(Write([&](WriteTx& tx) {
                  return tx.RecordRequest(Req("alice", "k" + std::to_string(at), at));
                }).ok());
  std::int64_t forgotten = 0;
  ASSERT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                WARROOM_ASSIGN_OR_RETURN(forgotten, tx.ForgetRequests(At(25)));
                return Success();
              }).ok());
  EXPECT_EQ(forgotten, 2);
  EXPECT_FALSE(FindReq(*store_, "alice", "k10"));
  EXPECT_TRUE(FindReq(*store_, "alice", "k30"));
}

// Simulated time kept in the store: none at first, then only forward.
TEST_P(StoreContract, SimulatedTimeIsKeptAndOnlyMovesForward) {
  auto now = [&] {
    std::optional<TimePoint> out;
    EXPECT_TRUE(store_
                    ->ReadSync([&](ReadTx& tx) -> Outcome {
                      WARROOM_ASSIGN_OR_RETURN(out, tx.SimulatedNow());
                      return Success();
                    })
                    .ok());
    return out;
  };
  auto advance = [&](std::int64_t at) {
    TimePoint kept;
    EXPECT_TRUE(Write([&](WriteTx& tx) -> Outcome {
                  WARROOM_ASSIGN_OR_RETURN(kept, tx.AdvanceSimulatedNow(At(at)));
                  return Success();
                }).ok());
    return kept;
  };
  EXPECT_FALSE(now());
  EXPECT_EQ(advance(100), At(100));
  EXPECT_EQ(now(), At(100));
  EXPECT_EQ(advance(50), At(100));  // never back
  EXPECT_EQ(now(), At(100));
  EXPECT_EQ(advance(160), At(160));
  // Rolled back with its write.
  EXPECT_FALSE(Write([&](WriteTx& tx) -> Outcome {
                 WARROOM_ASSIGN_OR_RETURN(TimePoint kept, tx.AdvanceSimulatedNow(At(999)));
                 (void)kept;
                 return Error::InvalidArgument("refused after all");
               }).ok());
  EXPECT_EQ(now(), At(160));
}

}  // namespace
}  // namespace warroom::store
