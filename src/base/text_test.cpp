#include "base/text.hpp"

#include <gtest/gtest.h>

namespace warroom {
namespace {

TEST(AsciiLower, LowersAsciiOnly) {
  EXPECT_EQ(AsciiLower("X-Grafana-Alerting-Signature"), "x-grafana-alerting-signature");
  EXPECT_EQ(AsciiLower("INC-2026-02-12-001"), "inc-2026-02-12-001");
  EXPECT_EQ(AsciiLower("\xC3\x89t\xC3\xA9"), "\xC3\x89t\xC3\xA9");  // UTF-8 bytes untouched
  EXPECT_EQ(AsciiLower(""), "");
}

}  // namespace
}  // namespace warroom
