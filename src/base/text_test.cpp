#include "base/text.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

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

// The stored labels and annotations were written by boost::json::serialize:
// the same bytes for every string, so rows written before and after read
// the same.
TEST(Text, AppendsAJsonStringAsBoostJsonSerializesIt) {
  std::vector<std::string> values = {
      "",       "plain",       "say \"hi\"",       "back\\slash", "tab\tnew\nline",
      "\b\f\r", "é ünïcode ✓", "slash / and \x7f", "end\\"};
  std::string every_byte;
  for (int c = 0; c < 256; ++c) every_byte += static_cast<char>(c);
  values.push_back(every_byte);
  values.push_back(std::string("nul\0inside", 10));
  for (const auto& v : values) {
    std::string out = "[";
    AppendJsonString(out, v);
    EXPECT_EQ(out, "[" + boost::json::serialize(boost::json::string_view(v))) << v;
  }
}

}  // namespace
}  // namespace warroom
