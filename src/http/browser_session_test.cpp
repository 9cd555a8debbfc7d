#include "http/browser_session.hpp"

#include <gtest/gtest.h>

namespace warroom::http {
namespace {

Request Post(std::initializer_list<std::pair<beast_http::field, std::string>> headers) {
  Request req{beast_http::verb::post, "/api/v1/incidents", 11};
  for (const auto& [f, v] : headers) req.set(f, v);
  return req;
}

TEST(BrowserSession, TheSecretIsFoundUnderEitherNameAmongOtherCookies) {
  EXPECT_EQ(SessionSecretOf("warroom_session=wrs_abc"), "wrs_abc");
  EXPECT_EQ(SessionSecretOf("theme=dark; __Host-warroom_session=wrs_def;lang=en"), "wrs_def");
  EXPECT_EQ(SessionSecretOf("a=1;  warroom_session = \"wrs_q\" "), "wrs_q");
  EXPECT_EQ(SessionSecretOf("warroom_session=first; warroom_session=second"), "first");
  EXPECT_EQ(SessionSecretOf(""), "");
  EXPECT_EQ(SessionSecretOf("warroom_sessionx=wrs_no; xwarroom_session=wrs_no; novalue"), "");
  EXPECT_EQ(SessionSecretOf(";;;="), "");
}

TEST(BrowserSession, TheCookieIsHttpOnlyLaxAndOverHttpsSecureAndPrefixed) {
  std::string plain = SessionSetCookie("wrs_abc", std::chrono::hours(2), false);
  EXPECT_EQ(plain, "warroom_session=wrs_abc; Path=/; Max-Age=7200; HttpOnly; SameSite=Lax");
  std::string tls = SessionSetCookie("wrs_abc", std::chrono::hours(2), true);
  EXPECT_EQ(tls,
            "__Host-warroom_session=wrs_abc; Path=/; Max-Age=7200; HttpOnly; SameSite=Lax; "
            "Secure");
  EXPECT_EQ(ClearedSessionCookie(false),
            "warroom_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
  // What one sets, the other reads.
  EXPECT_EQ(SessionSecretOf(tls.substr(0, tls.find(';'))), "wrs_abc");
}

TEST(BrowserSession, AChangeFromWarroomsOwnOriginPassesByOriginOrReferer) {
  using F = beast_http::field;
  EXPECT_TRUE(CheckSameOrigin(
                  Post({{F::host, "127.0.0.1:8080"}, {F::origin, "http://127.0.0.1:8080"}}), false)
                  .ok());
  EXPECT_TRUE(CheckSameOrigin(Post({{F::host, "Warroom.Example.com"},
                                    {F::origin, "https://warroom.example.com"}}),
                              true)
                  .ok());
  EXPECT_TRUE(CheckSameOrigin(Post({{F::host, "127.0.0.1:8080"},
                                    {F::referer, "http://127.0.0.1:8080/incidents/INC-1?x=1"}}),
                              false)
                  .ok());
}

TEST(BrowserSession, AChangeFromAnotherOriginOrFromNowhereIsRefusedSayingWhy) {
  using F = beast_http::field;
  struct Case {
    Request req;
    bool secure;
    const char* says;
  };
  std::vector<Case> cases;
  cases.push_back({Post({{F::host, "127.0.0.1:8080"}, {F::origin, "http://evil.example"}}), false,
                   "http://evil.example (Origin)"});
  // Another port, another scheme, a look-alike suffix: other origins.
  cases.push_back({Post({{F::host, "127.0.0.1:8080"}, {F::origin, "http://127.0.0.1:8081"}}), false,
                   "not from warroom's own pages"});
  cases.push_back(
      {Post({{F::host, "w.example"}, {F::origin, "http://w.example"}}), true, "https://w.example"});
  cases.push_back({Post({{F::host, "w.example"}, {F::referer, "https://w.example.evil.test/x"}}),
                   true, "(Referer)"});
  cases.push_back({Post({{F::host, "w.example"}, {F::origin, "null"}}), true, "null"});
  cases.push_back({Post({{F::host, "w.example"}}), true, "Origin or Referer"});
  cases.push_back(
      {Post({{F::host, "w.example"}, {F::referer, "not a url"}}), true, "Origin or Referer"});
  cases.push_back({Post({{F::origin, "https://w.example"}}), true, "(no Host header)"});
  for (const auto& c : cases) {
    auto r = CheckSameOrigin(c.req, c.secure);
    ASSERT_FALSE(r.ok()) << c.says;
    EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
    EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().message;
  }
}

TEST(BrowserSession, TheCsrfTokenMustBeTheSessionsOwn) {
  EXPECT_TRUE(CheckCsrfToken("abc123", "abc123").ok());
  auto missing = CheckCsrfToken("", "abc123");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("X-CSRF-Token"), std::string::npos);
  auto wrong = CheckCsrfToken("abc124", "abc123");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kPermissionDenied);
  EXPECT_FALSE(CheckCsrfToken("abc", "").ok());
  EXPECT_FALSE(CheckCsrfToken("abc1234", "abc123").ok());
}

}  // namespace
}  // namespace warroom::http
