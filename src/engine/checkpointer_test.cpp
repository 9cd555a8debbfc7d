// The checkpointer as a module: a checkpoint when the log grew, none when it
// did not, and a tick that asks to run again within its real-time interval.
#include "engine/checkpointer.hpp"

#include <gtest/gtest.h>

#include "engine/module_test_support.hpp"

namespace warroom::engine {
namespace {

class CheckpointerTest : public testing::ModuleTest {};

TEST_F(CheckpointerTest, ACheckpointCoversTheLogOnceAndNothingMoreUntilItGrows) {
  auto key = store::SigningKey::LoadOrCreate((dir_ / "key").string());
  ASSERT_TRUE(key.ok()) << key.error().message;
  Checkpointer cp(*store_, *clock_, *key, std::chrono::milliseconds(250));
  auto empty = cp.Checkpoint();
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, 0) << "an empty log needs none";
  ASSERT_TRUE(Declare(core::Severity::kP2).ok());
  auto next = cp.Tick(clock_->Now());
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_FALSE(next->at.has_value());
  ASSERT_TRUE(next->within.has_value());
  EXPECT_EQ(*next->within, std::chrono::milliseconds(250));
  std::optional<store::Checkpoint> last;
  ASSERT_TRUE(store_
                  ->ReadSync([&](store::ReadTx& tx) -> Outcome {
                    WARROOM_ASSIGN_OR_RETURN(last, tx.LastCheckpoint());
                    return Success();
                  })
                  .ok());
  ASSERT_TRUE(last.has_value());
  EXPECT_GT(last->global_seq, 0);
  auto again = cp.Checkpoint();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0) << "nothing new since";
  ASSERT_TRUE(Declare(core::Severity::kP2).ok());
  auto grown = cp.Checkpoint();
  ASSERT_TRUE(grown.ok());
  EXPECT_GT(*grown, last->global_seq);
}

}  // namespace
}  // namespace warroom::engine
