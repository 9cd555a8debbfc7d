// The Authorization header's Bearer credentials (RFC 9110 11.1: the scheme
// is case-insensitive).
#include <gtest/gtest.h>

#include "http/route_support.hpp"

namespace warroom::http {
namespace {

TEST(BearerToken, TheSchemeInAnyCaseAndSpacesAroundTheToken) {
  for (const char* h :
       {"Bearer wr_x", "bearer wr_x", "BEARER wr_x", "Bearer    wr_x", "bEaReR\twr_x  "})
    EXPECT_EQ(BearerToken(h), "wr_x") << h;
}

TEST(BearerToken, AnythingElseIsNoToken) {
  for (const char* h : {"", "Bearer", "Bearer ", "Bearerwr_x", "Basic wr_x", "wr_x", "Bear wr_x"})
    EXPECT_EQ(BearerToken(h), "") << h;
}

}  // namespace
}  // namespace warroom::http
