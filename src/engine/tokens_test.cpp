#include "engine/tokens.hpp"

#include <gtest/gtest.h>

namespace warroom::engine {
namespace {

TEST(TokenSecrets, ASecretHasItsPrefixAnd64HexDigitsAndIsRecognisedByItsShapeAlone) {
  std::string key = NewTokenSecret("wri_");
  EXPECT_TRUE(LooksLikeToken(key, "wri_"));
  EXPECT_FALSE(LooksLikeToken(key));  // not an API token
  EXPECT_NE(NewTokenSecret(), NewTokenSecret());
  EXPECT_FALSE(LooksLikeToken("wr_" + std::string(63, 'a')));
  EXPECT_FALSE(LooksLikeToken("wr_" + std::string(63, 'a') + "g"));
  EXPECT_EQ(TokenDigest(key), TokenDigest(key));
  EXPECT_NE(TokenDigest(key), TokenDigest(NewTokenSecret("wri_")));
}

TEST(TokenState, ARevokedTokenIsRevokedWhateverItsExpiryElseExpiredFromItsExpiresAt) {
  const TimePoint now = ParseTime("2026-02-12T14:00:00Z").value();
  store::ApiToken t;
  EXPECT_EQ(TokenState(t, now), "active");
  t.expires_at = now + std::chrono::seconds(1);
  EXPECT_EQ(TokenState(t, now), "active");
  t.expires_at = now;
  EXPECT_EQ(TokenState(t, now), "expired");
  t.revoked_at = now - std::chrono::hours(1);
  EXPECT_EQ(TokenState(t, now), "revoked");
}

}  // namespace
}  // namespace warroom::engine
