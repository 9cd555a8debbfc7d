#include "engine/user_input.hpp"

#include <gtest/gtest.h>

namespace warroom::engine {
namespace {

TEST(ExcerptTest, CutsAndEscapes) {
  EXPECT_EQ(Excerpt("abc"), "abc");
  EXPECT_EQ(Excerpt("a\nb\x80"), "a\\x0ab\\x80");
  std::string long_text(65, 'z');
  EXPECT_EQ(Excerpt(long_text), std::string(64, 'z') + "… (65 bytes)");
}

}  // namespace
}  // namespace warroom::engine
