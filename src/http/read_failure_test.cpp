#include "http/read_failure.hpp"

#include <gtest/gtest.h>

#include <boost/asio/error.hpp>

#include "http/server_limits.hpp"

namespace warroom::http {
namespace {

using E = beast_http::error;

TEST(ReadFailure, AnOversizedBodyIs413NamingTheLimit) {
  auto res = ReadFailure(E::body_limit, "", "192.0.2.1", false);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), beast_http::status::payload_too_large);
  EXPECT_NE(res->body().find(std::to_string(limits::kMaxBodyBytes)), std::string::npos);
}

TEST(ReadFailure, AnOversizedHeaderIs431) {
  auto res = ReadFailure(E::header_limit, "", "192.0.2.1", false);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), beast_http::status::request_header_fields_too_large);
}

TEST(ReadFailure, AFramingErrorIs400SayingWhatToFix) {
  auto res = ReadFailure(E::bad_line_ending, "GET / HTTP/1.1\n", "192.0.2.1", false);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), beast_http::status::bad_request);
  EXPECT_NE(res->body().find("CRLF"), std::string::npos);
}

TEST(ReadFailure, APROXYHeaderFromAnUntrustedPeerIsNamedAsSuch) {
  auto res = ReadFailure(E::bad_method, "PROXY TCP4 10.0.0.1 10.0.0.2 1 2\r\n", "192.0.2.1", false);
  ASSERT_TRUE(res);
  EXPECT_NE(res->body().find("not a trusted proxy"), std::string::npos);
  EXPECT_NE(res->body().find("192.0.2.1"), std::string::npos);
}

TEST(ReadFailure, AClientThatWentAwayIsToldNothing) {
  EXPECT_FALSE(ReadFailure(E::end_of_stream, "", "192.0.2.1", false));
  EXPECT_FALSE(ReadFailure(E::partial_message, "GET / HT", "192.0.2.1", false));
  EXPECT_FALSE(ReadFailure(boost::asio::error::timed_out, "", "192.0.2.1", false));
}

}  // namespace
}  // namespace warroom::http
