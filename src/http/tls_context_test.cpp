#include "http/tls_context.hpp"

#include <gtest/gtest.h>

namespace warroom::http {
namespace {

TEST(TlsContext, ValidityIsJudgedAgainstNotBeforeAndNotAfter) {
  TlsCertificateInfo c;
  c.not_before = *ParseTime("2026-01-01T00:00:00Z");
  c.not_after = *ParseTime("2026-04-01T00:00:00Z");
  EXPECT_EQ(CheckValidity(c, *ParseTime("2025-12-31T23:59:59Z")),
            CertificateValidity::kNotYetValid);
  EXPECT_EQ(CheckValidity(c, *ParseTime("2026-02-01T00:00:00Z")), CertificateValidity::kValid);
  // Fourteen days before notAfter, the warning starts.
  EXPECT_EQ(CheckValidity(c, *ParseTime("2026-03-17T23:59:59Z")), CertificateValidity::kValid);
  EXPECT_EQ(CheckValidity(c, *ParseTime("2026-03-18T00:00:00Z")),
            CertificateValidity::kExpiresSoon);
  EXPECT_EQ(CheckValidity(c, *ParseTime("2026-04-01T00:00:00Z")), CertificateValidity::kExpired);
}

TEST(TlsContext, AlpnPicksHttp11OnlyWhenOffered) {
  using namespace std::string_literals;
  EXPECT_TRUE(OffersHttp11("\x08http/1.1"s));
  EXPECT_TRUE(OffersHttp11("\x02h2\x08http/1.1"s));
  EXPECT_FALSE(OffersHttp11("\x02h2"s));
  EXPECT_FALSE(OffersHttp11(""s));
  // Malformed lists (a length past the end, a zero length) choose nothing.
  EXPECT_FALSE(OffersHttp11("\x09http/1.1"s));
  EXPECT_FALSE(OffersHttp11("\x00\x08http/1.1"s));
}

TEST(TlsContext, AMissingFileIsNamedWithItsFlag) {
  auto r = TlsContext::Load("/nonexistent/cert.pem", "/nonexistent/key.pem");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("--tls-cert /nonexistent/cert.pem: cannot read the file"),
            std::string::npos)
      << r.error().message;
}

}  // namespace
}  // namespace warroom::http
