#include "engine/password_hasher.hpp"

#include <gtest/gtest.h>

#include <future>

namespace warroom::engine {
namespace {

template <typename T>
std::function<void(T)> Into(std::promise<T>& p) {
  return [&p](T v) { p.set_value(std::move(v)); };
}

TEST(PasswordHasher, HashesAndChecksOffTheCallersThread) {
  PasswordHasher h(crypto::PasswordCost::Least(), 2, 8);
  std::promise<Result<std::string>> hashed;
  h.Hash("s3cret", Into(hashed));
  auto stored = hashed.get_future().get();
  ASSERT_TRUE(stored.ok());
  for (auto [password, match] : {std::pair{"s3cret", true}, std::pair{"S3cret", false}}) {
    std::promise<Result<PasswordHasher::Checked>> checked;
    h.Check(password, *stored, Into(checked));
    auto c = checked.get_future().get();
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->match, match) << password;
    EXPECT_FALSE(c->needs_rehash);
  }
}

TEST(PasswordHasher, NoStoredHashNeverMatchesNotEvenAnEmptyPassword) {
  PasswordHasher h(crypto::PasswordCost::Least(), 1, 8);
  for (const char* password : {"", "a password nobody has"}) {
    std::promise<Result<PasswordHasher::Checked>> checked;
    h.Check(password, "", Into(checked));
    auto c = checked.get_future().get();
    ASSERT_TRUE(c.ok());
    EXPECT_FALSE(c->match) << password;
  }
}

TEST(PasswordHasher, AHashOfOtherCostsMatchesAndAsksForARehash) {
  PasswordHasher h(crypto::PasswordCost::Least(), 1, 8);
  auto old = crypto::HashPassword(
      "pw", {crypto::PasswordCost::Least().passes + 1, crypto::PasswordCost::Least().memory_bytes});
  ASSERT_TRUE(old.ok());
  std::promise<Result<PasswordHasher::Checked>> checked;
  h.Check("pw", *old, Into(checked));
  auto c = checked.get_future().get();
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->match);
  EXPECT_TRUE(c->needs_rehash);
}

TEST(PasswordHasher, ABurstBeyondTheQueueIsRefusedAtOnceAndTheRestAnswered) {
  // One thread, room for one waiting: of three sent together (each hash
  // takes milliseconds, sending takes microseconds) the third finds the
  // worker busy with the first and the second waiting.
  PasswordHasher h({1, 8u << 20}, 1, 1);
  std::promise<Result<std::string>> a, b, c;
  h.Hash("a", Into(a));
  h.Hash("b", Into(b));
  h.Hash("c", Into(c));
  std::vector<Result<std::string>> got{a.get_future().get(), b.get_future().get(),
                                       c.get_future().get()};
  int refused = 0;
  for (const auto& r : got) {
    if (r.ok()) continue;
    ++refused;
    EXPECT_EQ(r.error().code, ErrorCode::kResourceExhausted);
    EXPECT_NE(r.error().message.find("try again"), std::string::npos) << r.error().message;
  }
  EXPECT_GE(refused, 1);
  EXPECT_TRUE(got[0].ok());
}

}  // namespace
}  // namespace warroom::engine
