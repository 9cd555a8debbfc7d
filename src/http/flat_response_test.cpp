#include "http/flat_response.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace warroom::http {
namespace {

// What Beast's own serializer writes: the reference FlatResponse must equal.
std::string BeastWrites(const Response& res) {
  std::ostringstream o;
  o << res;
  return o.str();
}

Response Answer(beast_http::status status, unsigned version, std::string body) {
  Response res{status, version};
  res.set(beast_http::field::content_type, "application/json");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

TEST(FlatResponse, IsWhatBeastWritesForTheAnswersWarroomGives) {
  std::vector<Response> answers = {
      Answer(beast_http::status::ok, 11, R"({"status":"success"})"),
      Answer(beast_http::status::accepted, 11, R"({"status":"success","dedup_key":"k"})"),
      Answer(beast_http::status::not_found, 10, R"({"title":"Not Found"})"),
      Answer(beast_http::status::no_content, 11, ""),
      Answer(beast_http::status::too_many_requests, 11, std::string(70000, 'x')),
  };
  Response custom_reason = Answer(beast_http::status::ok, 11, "ok");
  custom_reason.reason("Fine");
  answers.push_back(custom_reason);
  Response head = Answer(beast_http::status::ok, 11, "");
  head.content_length(512);  // a HEAD answer: the GET's length, no body
  answers.push_back(head);
  Response unknown{static_cast<beast_http::status>(599), 11};
  unknown.prepare_payload();
  answers.push_back(unknown);
  for (const Response& res : answers) {
    ASSERT_TRUE(Flattens(res));
    EXPECT_EQ(FlatResponse(res), BeastWrites(res));
  }
}

TEST(FlatResponse, StartsWithTheStatusLineAndEndsWithTheBody) {
  Response res = Answer(beast_http::status::accepted, 11, "{}");
  std::string flat = FlatResponse(res);
  EXPECT_EQ(flat.rfind("HTTP/1.1 202 Accepted\r\n", 0), 0u);
  EXPECT_NE(flat.find("\r\nContent-Length: 2\r\n"), std::string::npos);
  EXPECT_EQ(flat.substr(flat.size() - 6), "\r\n\r\n{}");
}

TEST(FlatResponse, LeavesAChunkedAnswerToBeast) {
  Response res{beast_http::status::ok, 11};
  res.chunked(true);
  EXPECT_FALSE(Flattens(res));
}

}  // namespace
}  // namespace warroom::http
