#include "http/problem.hpp"

#include <gtest/gtest.h>

namespace warroom::http {
namespace {

TEST(Problem, TheDetailIsValidUtf8AndBounded) {
  Response res = Problem(Error::NotFound("no incident \xFF\xFE" + std::string(10000, 'x')));
  auto body = boost::json::parse(res.body()).as_object();
  std::string detail(body["detail"].as_string());
  EXPECT_TRUE(detail.starts_with("no incident \xEF\xBF\xBD\xEF\xBF\xBD"));
  EXPECT_LE(detail.size(), kMaxDetailBytes + 3);
  EXPECT_EQ(body["status"].as_int64(), 404);
}

TEST(Problem, AStatusWithoutAnErrorCodeHasItsOwnCode) {
  Response res = Problem(beast_http::status::method_not_allowed, "method-not-allowed", "no");
  EXPECT_EQ(res.result(), beast_http::status::method_not_allowed);
  auto body = boost::json::parse(res.body()).as_object();
  EXPECT_EQ(body["status"].as_int64(), 405);
  EXPECT_EQ(body["code"].as_string(), "method-not-allowed");
  EXPECT_EQ(body["type"].as_string(), "urn:warroom:problem:method-not-allowed");
  EXPECT_EQ(res[beast_http::field::content_type], "application/problem+json");
}

}  // namespace
}  // namespace warroom::http
