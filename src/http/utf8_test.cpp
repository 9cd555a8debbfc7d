#include "http/utf8.hpp"

#include <gtest/gtest.h>

namespace warroom::http {
namespace {

TEST(SanitizeUtf8, ValidTextIsKept) {
  EXPECT_EQ(SanitizeUtf8("no incident INC-1", 100), "no incident INC-1");
  EXPECT_EQ(SanitizeUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x94\xA5", 100),
            "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x94\xA5");
  EXPECT_EQ(SanitizeUtf8("", 10), "");
}

TEST(SanitizeUtf8, InvalidSequencesBecomeTheReplacementCharacter) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(SanitizeUtf8("/incidents/\xFF\xFE", 100), "/incidents/" + r + r);
  EXPECT_EQ(SanitizeUtf8("\xC0\xAF", 100), r + r);                  // overlong '/'
  EXPECT_EQ(SanitizeUtf8("\xE0\x80\xAF", 100), r + r + r);          // overlong, 3 bytes
  EXPECT_EQ(SanitizeUtf8("\xED\xA0\x80", 100), r + r + r);          // a surrogate
  EXPECT_EQ(SanitizeUtf8("\xF4\x90\x80\x80", 100), r + r + r + r);  // past U+10FFFF
  EXPECT_EQ(SanitizeUtf8("a\xE2\x82", 100), "a" + r + r);           // truncated at the end
  EXPECT_EQ(SanitizeUtf8("\x80z", 100), r + "z");                   // a stray continuation
}

TEST(SanitizeUtf8, LongTextIsCutAtACharacterBoundary) {
  EXPECT_EQ(SanitizeUtf8(std::string(100, 'x'), 10), std::string(10, 'x') + "\xE2\x80\xA6");
  // "é" is two bytes: never cut in half.
  EXPECT_EQ(SanitizeUtf8("abc\xC3\xA9", 4), "abc\xE2\x80\xA6");
  EXPECT_EQ(SanitizeUtf8("abcd", 4), "abcd");
}

}  // namespace
}  // namespace warroom::http
