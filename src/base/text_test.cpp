#include "base/text.hpp"

#include <gtest/gtest.h>

namespace warroom {
namespace {

TEST(IsBlank, IsTrueForEmptyAndEveryAsciiWhiteSpaceOnly) {
  EXPECT_TRUE(IsBlank(""));
  EXPECT_TRUE(IsBlank(" \t\n\v\f\r"));
  EXPECT_FALSE(IsBlank(" x "));
  EXPECT_FALSE(IsBlank("\xc2\xa0"));  // a no-break space is text, as for std::isspace in "C"
}

TEST(AsciiLower, LowersAsciiOnly) {
  EXPECT_EQ(AsciiLower("X-Grafana-Alerting-Signature"), "x-grafana-alerting-signature");
  EXPECT_EQ(AsciiLower("INC-2026-02-12-001"), "inc-2026-02-12-001");
  EXPECT_EQ(AsciiLower("\xC3\x89t\xC3\xA9"), "\xC3\x89t\xC3\xA9");  // UTF-8 bytes untouched
  EXPECT_EQ(AsciiLower(""), "");
}

}  // namespace
}  // namespace warroom
