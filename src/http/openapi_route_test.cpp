#include "http/openapi_route.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json.hpp>

namespace warroom::http {
namespace {

namespace asio = boost::asio;
using beast_http::field;
using beast_http::verb;

Response Get(const Router& r, const std::string& if_none_match = "") {
  Request req{verb::get, std::string(kOpenApiPath), 11};
  if (!if_none_match.empty()) req.set(field::if_none_match, if_none_match);
  asio::io_context ioc;
  auto f = asio::co_spawn(ioc, r.Dispatch(req), asio::use_future);
  ioc.run();
  return f.get();
}

TEST(OpenApiRoute, TheEmbeddedDocumentIsAnOpenApi31Document) {
  boost::json::value doc = boost::json::parse(OpenApiDocument());
  EXPECT_EQ(doc.at("openapi"), "3.1.0");
  EXPECT_TRUE(doc.at("paths").as_object().contains(std::string(kOpenApiPath)));
  EXPECT_EQ(OpenApiEtag().size(), 34u);  // 32 hex digits, quoted
}

TEST(OpenApiRoute, AnswersTheDocumentWithoutATokenAndRevalidatesByItsEtag) {
  Router r;  // no authenticator: a public route answers all the same
  AddOpenApiRoute(r);
  Response res = Get(r);
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res[field::content_type], "application/json");
  EXPECT_EQ(res[field::etag], OpenApiEtag());
  EXPECT_EQ(res[field::cache_control], "public, no-cache");
  EXPECT_EQ(res.body(), OpenApiDocument());
  const std::string etag(OpenApiEtag());
  for (const std::string& header : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    Response again = Get(r, header);
    EXPECT_EQ(again.result_int(), 304u) << header;
    EXPECT_EQ(again[field::etag], OpenApiEtag());
    EXPECT_TRUE(again.body().empty());
  }
  EXPECT_EQ(Get(r, "\"other\"").result_int(), 200u);
}

}  // namespace
}  // namespace warroom::http
