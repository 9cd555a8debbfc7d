#include "crypto/password.hpp"

#include <gtest/gtest.h>

namespace warroom::crypto {
namespace {

const PasswordCost kCost = PasswordCost::Least();

TEST(Password, AHashVerifiesItsPasswordAndNoOther) {
  auto h = HashPassword("correct horse battery staple", kCost);
  ASSERT_TRUE(h.ok()) << h.error().message;
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u) << *h;
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", *h));
  EXPECT_FALSE(VerifyPassword("correct horse battery stapl", *h));
  EXPECT_FALSE(VerifyPassword("", *h));
}

TEST(Password, EveryHashHasItsOwnSalt) {
  auto a = HashPassword("same", kCost);
  auto b = HashPassword("same", kCost);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(VerifyPassword("same", *a));
  EXPECT_TRUE(VerifyPassword("same", *b));
}

TEST(Password, WhatIsNotAHashVerifiesNothing) {
  EXPECT_FALSE(VerifyPassword("x", ""));
  EXPECT_FALSE(VerifyPassword("x", "x"));
  EXPECT_FALSE(VerifyPassword("x", "$argon2i$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA"));
  EXPECT_FALSE(VerifyPassword("x", std::string(1000, '$')));
  EXPECT_TRUE(NeedsRehash("", kCost));
}

TEST(Password, AHashOfOtherCostsStillVerifiesAndAsksToBeRehashed) {
  PasswordCost more{kCost.passes + 1, kCost.memory_bytes};
  auto h = HashPassword("pw", more);
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(VerifyPassword("pw", *h));
  EXPECT_FALSE(NeedsRehash(*h, more));
  EXPECT_TRUE(NeedsRehash(*h, kCost));
}

TEST(Password, NulBytesAndLongPasswordsAreHashedWhole) {
  std::string with_nul("ab\0cd", 5);
  auto h = HashPassword(with_nul, kCost);
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(VerifyPassword(with_nul, *h));
  EXPECT_FALSE(VerifyPassword("ab", *h));
  std::string big(4096, 'p');
  auto g = HashPassword(big, kCost);
  ASSERT_TRUE(g.ok());
  EXPECT_TRUE(VerifyPassword(big, *g));
  EXPECT_FALSE(VerifyPassword(big.substr(1), *g));
}

}  // namespace
}  // namespace warroom::crypto
