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
  page.set("Referrer-Policy", "same-origin");
  SetCommonHeaders(page);
  EXPECT_EQ(page["Content-Security-Policy"], "default-src 'self'");
  EXPECT_EQ(page["Referrer-Policy"], "same-origin");
  EXPECT_EQ(page["X-Frame-Options"], "DENY");
  // Set twice, still one of each.
  SetCommonHeaders(page);
  EXPECT_EQ(std::distance(page.equal_range("X-Content-Type-Options").first,
                          page.equal_range("X-Content-Type-Options").second),
            1);
}

TEST(SecurityHeaders, StrictTransportSecurityOnlyOverTls) {
  Response plain{beast_http::status::ok, 11};
  SetCommonHeaders(plain);
  EXPECT_EQ(plain.find(beast_http::field::strict_transport_security), plain.end());
  // A handler cannot promise HTTPS over plain HTTP either.
  plain.set(beast_http::field::strict_transport_security, "max-age=1");
  SetCommonHeaders(plain, Transport::kPlain);
  EXPECT_EQ(plain.find(beast_http::field::strict_transport_security), plain.end());

  Response tls{beast_http::status::not_found, 11};
  SetCommonHeaders(tls, Transport::kTls);
  EXPECT_EQ(tls[beast_http::field::strict_transport_security], "max-age=63072000");
  EXPECT_EQ(tls["X-Frame-Options"], "DENY");
}

}  // namespace
}  // namespace warroom::http
