#include "http/security_headers.hpp"

#include <gtest/gtest.h>

namespace warroom::http {
namespace {

TEST(SecurityHeaders, EveryAnswerGetsThemAndAPagesOwnPolicyStays) {
  Response api{beast_http::status::ok, 11};
  SetCommonHeaders(api);
  EXPECT_EQ(api[beast_http::field::server], "warroom");
  EXPECT_EQ(api["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(api["Referrer-Policy"], "no-referrer");
  EXPECT_EQ(api["X-Frame-Options"], "DENY");
  EXPECT_EQ(api["Content-Security-Policy"], "default-src 'none'; frame-ancestors 'none'");

  Response page{beast_http::status::ok, 11};
  page.set("Content-Security-Policy", "default-src 'self'");
  SetCommonHeaders(page);
  EXPECT_EQ(page["Content-Security-Policy"], "default-src 'self'");
  EXPECT_EQ(page["X-Frame-Options"], "DENY");
  // Set twice, still one of each.
  SetCommonHeaders(page);
  EXPECT_EQ(std::distance(page.equal_range("X-Content-Type-Options").first,
                          page.equal_range("X-Content-Type-Options").second),
            1);
}

}  // namespace
}  // namespace warroom::http
