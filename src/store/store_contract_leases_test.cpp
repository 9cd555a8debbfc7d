// The store contract: the background lease, taken, renewed, refused to
// another holder while it lasts, taken over after it expires (the epoch
// grows), and given up.
#include <thread>

#include "store/store_contract_test.hpp"

namespace warroom::store {
namespace {

using std::chrono::milliseconds;

constexpr auto kTtl = std::chrono::microseconds(milliseconds(300));

Lease Take(Store& store, const std::string& holder, std::chrono::microseconds ttl = kTtl) {
  Lease out;
  Outcome r = store.WriteSync([&](WriteTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(out, tx.TakeLease("background", holder, ttl));
    return Success();
  });
  EXPECT_TRUE(r.ok()) << r.error().message;
  return out;
}

std::optional<Lease> Find(Store& store) {
  std::optional<Lease> out;
  Outcome r = store.ReadSync([&](ReadTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(out, tx.FindLease("background"));
    return Success();
  });
  EXPECT_TRUE(r.ok()) << r.error().message;
  return out;
}

void Release(Store& store, const std::string& holder) {
  Outcome r = store.WriteSync([&](WriteTx& tx) { return tx.ReleaseLease("background", holder); });
  EXPECT_TRUE(r.ok()) << r.error().message;
}

TEST_P(StoreContract, LeaseTheFirstTakerHoldsItAndAnotherIsRefusedUntilItExpires) {
  EXPECT_FALSE(Find(*store_));
  Lease a = Take(*store_, "a");
  EXPECT_EQ(a.holder, "a");
  EXPECT_EQ(a.epoch, 1);
  EXPECT_TRUE(a.HeldBy("a"));
  EXPECT_GT(a.expires_at, a.now);
  EXPECT_LE(a.expires_at - a.now, kTtl);

  Lease refused = Take(*store_, "b");
  EXPECT_EQ(refused.holder, "a");
  EXPECT_EQ(refused.epoch, 1);
  EXPECT_FALSE(refused.HeldBy("b"));
  auto found = Find(*store_);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->holder, "a");

  // Renewed: the same epoch, a later expiry.
  std::this_thread::sleep_for(milliseconds(20));
  Lease renewed = Take(*store_, "a");
  EXPECT_EQ(renewed.epoch, 1);
  EXPECT_GT(renewed.expires_at, a.expires_at);
}

TEST_P(StoreContract, LeaseAnExpiredLeaseIsTakenOverWithTheNextEpochAndTheFormerHolderIsRefused) {
  Lease a = Take(*store_, "a");
  std::this_thread::sleep_for(milliseconds(400));
  Lease b = Take(*store_, "b");
  EXPECT_EQ(b.holder, "b");
  EXPECT_EQ(b.epoch, a.epoch + 1);
  Lease late = Take(*store_, "a");
  EXPECT_EQ(late.holder, "b");
  EXPECT_FALSE(late.HeldBy("a"));
  // Its holder taking it again after letting it lapse is a new term too.
  std::this_thread::sleep_for(milliseconds(400));
  EXPECT_EQ(Take(*store_, "b").epoch, b.epoch + 1);
}

TEST_P(StoreContract, LeaseAReleasedLeaseIsTakenAtOnceAndOnlyItsHolderCanReleaseIt) {
  Lease a = Take(*store_, "a", std::chrono::seconds(60));
  Release(*store_, "b");  // not b's: nothing changes
  EXPECT_EQ(Take(*store_, "b").holder, "a");
  Release(*store_, "a");
  auto found = Find(*store_);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->HeldBy("a"));
  Lease b = Take(*store_, "b");
  EXPECT_EQ(b.holder, "b");
  EXPECT_EQ(b.epoch, a.epoch + 1);
}

Outcome Check(Store& store, const std::string& holder, std::int64_t epoch) {
  return store.WriteSync([&](WriteTx& tx) { return tx.CheckLease("background", holder, epoch); });
}

TEST_P(StoreContract, LeaseTheFenceAdmitsOnlyTheHolderAtItsEpochWhileItLasts) {
  EXPECT_EQ(Check(*store_, "a", 1).error().code, ErrorCode::kFailedPrecondition);  // never taken
  Lease a = Take(*store_, "a");
  EXPECT_TRUE(Check(*store_, "a", a.epoch).ok());
  EXPECT_EQ(Check(*store_, "a", a.epoch + 1).error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Check(*store_, "b", a.epoch).error().code, ErrorCode::kFailedPrecondition);
  std::this_thread::sleep_for(milliseconds(400));  // expired: nobody's writes pass
  EXPECT_EQ(Check(*store_, "a", a.epoch).error().code, ErrorCode::kFailedPrecondition);
  Lease b = Take(*store_, "b");
  Outcome former = Check(*store_, "a", a.epoch);
  ASSERT_FALSE(former.ok());
  EXPECT_NE(former.error().message.find("held by b"), std::string::npos) << former.error().message;
  EXPECT_TRUE(Check(*store_, "b", b.epoch).ok());
}

}  // namespace
}  // namespace warroom::store
