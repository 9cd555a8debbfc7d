#include "http/handler.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <thread>

namespace warroom::http {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using beast_http::status;
using beast_http::verb;

// A router whose bearer tokens are permission names ("viewer", ...).
Router TestRouter() {
  Router r;
  r.SetAuthenticator([](const Request& req) -> asio::awaitable<Result<engine::Caller>> {
    auto p = store::ParsePermission(std::string(req[beast_http::field::authorization]));
    if (!p) co_return Error::Unauthenticated("no live token");
    co_return engine::Caller{"ada", *p};
  });
  return r;
}

Response Send(const Router& r, verb method, const std::string& target, const std::string& body = "",
              const std::string& token = "admin") {
  Request req{method, target, 11};
  req.set(beast_http::field::authorization, token);
  if (!body.empty()) req.set(beast_http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  asio::io_context ioc;
  auto f = asio::co_spawn(ioc, r.Dispatch(req), asio::use_future);
  ioc.run();
  return f.get();
}

// A service answering `answer` for its input, counting its calls.
struct FakeService {
  int asked = 0;
  std::function<Result<std::string>(const std::string&)> answer = [](const std::string& in) {
    return Result<std::string>("hello " + in);
  };
};

Result<std::string> NameOf(const json::object& body) {
  auto it = body.find("name");
  if (it == body.end() || !it->value().is_string())
    return Error::InvalidArgument("'name' is required");
  return std::string(it->value().as_string());
}

RouteHandler Greet(FakeService& svc, status ok = status::ok) {
  return Handle<std::string>(
      JsonBody(NameOf),
      [&svc](const engine::Caller&, const std::string& name, Done<std::string> done) {
        ++svc.asked;
        done(svc.answer(name));
      },
      [](const std::string& greeting) {
        return json::object{{"greeting", greeting}};
      },
      ok);
}

TEST(Handle, ADecodeErrorIsTheProblemAndTheServiceIsNotAsked) {
  FakeService svc;
  Router r = TestRouter();
  r.Add(verb::post, "/api/v1/greetings", Scope::kRead, Greet(svc));
  for (const std::string body : {"{not json", "{\"other\":1}", ""}) {
    Response res = Send(r, verb::post, "/api/v1/greetings", body);
    EXPECT_EQ(res.result(), status::bad_request) << body;
    EXPECT_EQ(res[beast_http::field::content_type], "application/problem+json") << body;
    EXPECT_NE(res.body().find("\"code\":\"invalid-argument\""), std::string::npos) << res.body();
  }
  EXPECT_NE(Send(r, verb::post, "/api/v1/greetings", "{}").body().find("'name' is required"),
            std::string::npos);
  EXPECT_EQ(svc.asked, 0);
}

TEST(Handle, AServiceErrorIsMappedByTheOneMappingOfErrorsToHttp) {
  FakeService svc;
  svc.answer = [](const std::string&) { return Result<std::string>(Error::Conflict("taken")); };
  Router r = TestRouter();
  r.Add(verb::post, "/api/v1/greetings", Scope::kRead, Greet(svc));
  Response res = Send(r, verb::post, "/api/v1/greetings", R"({"name":"ada"})");
  Response want = Problem(Error::Conflict("taken"));
  EXPECT_EQ(res.result(), want.result());
  EXPECT_EQ(res.body(), want.body());
  EXPECT_EQ(res[beast_http::field::content_type], "application/problem+json");
  EXPECT_EQ(svc.asked, 1);
}

TEST(Handle, SuccessIsEncodedAsJsonWithTheRoutesStatus) {
  FakeService svc;
  Router r = TestRouter();
  r.Add(verb::post, "/api/v1/greetings", Scope::kRead, Greet(svc, status::created));
  Response res = Send(r, verb::post, "/api/v1/greetings", R"({"name":"ada"})");
  EXPECT_EQ(res.result(), status::created);
  EXPECT_EQ(res.body(), "{\"greeting\":\"hello ada\"}\n");
  EXPECT_EQ(res[beast_http::field::content_type], "application/json");
  EXPECT_EQ(res[beast_http::field::cache_control], "no-store");
}

TEST(Handle, AServiceAnsweringOnAnotherThreadIsAnsweredOnTheRequestsExecutor) {
  Router r = TestRouter();
  r.Add(verb::get, "/api/v1/things/{id}", Scope::kRead,
        Handle<std::string>(
            PathParam("id"),
            [](const engine::Caller& c, const std::string& id, Done<std::string> done) {
              std::thread([done, who = c.handle + " asked for " + id] { done(who); }).join();
            },
            [](const std::string& s) { return json::value(s); }));
  Response res = Send(r, verb::get, "/api/v1/things/7");
  EXPECT_EQ(res.result(), status::ok);
  EXPECT_EQ(res.body(), "\"ada asked for 7\"\n");
}

TEST(Handle, KeepsTheRoutersScopeCheckHeadAndMethodNotAllowed) {
  FakeService svc;
  Router r = TestRouter();
  r.Add(verb::post, "/api/v1/greetings", Scope::kAdmin, Greet(svc));
  r.Add(verb::get, "/api/v1/greetings", Scope::kRead, Show([](const engine::Caller& c) {
          return json::object{{"handle", c.handle}};
        }));
  EXPECT_EQ(Send(r, verb::post, "/api/v1/greetings", R"({"name":"ada"})", "viewer").result(),
            status::forbidden);
  EXPECT_EQ(svc.asked, 0);
  Response head = Send(r, verb::head, "/api/v1/greetings", "", "viewer");
  EXPECT_EQ(head.result(), status::ok);
  EXPECT_EQ(head.body(), "{\"handle\":\"ada\"}\n");  // the server drops it, keeping the length
  EXPECT_EQ(Send(r, verb::delete_, "/api/v1/greetings").result(), status::method_not_allowed);
}

TEST(Handle, AWriterMayUseTheInputAndAnswerRawJsonOrAWholeResponse) {
  Router r = TestRouter();
  auto echo = [](const engine::Caller&, const std::string& in, Done<int> done) {
    done(static_cast<int>(in.size()));
  };
  r.Add(verb::get, "/api/v1/raw/{id}", Scope::kRead,
        Handle<int>(
            PathParam("id"), echo,
            [](const std::string& in, int n) {
              return RawJson{"{\"id\":\"" + in + "\",\"n\":" + std::to_string(n) + "}"};
            },
            status::accepted));
  r.Add(verb::get, "/api/v1/whole/{id}", Scope::kRead,
        Handle<int>(PathParam("id"), echo, [](int n) {
          Response res = Json(status::service_unavailable, json::value(n));
          res.set(beast_http::field::retry_after, "1");
          return res;
        }));
  Response raw = Send(r, verb::get, "/api/v1/raw/abc");
  EXPECT_EQ(raw.result(), status::accepted);
  EXPECT_EQ(raw.body(), "{\"id\":\"abc\",\"n\":3}\n");
  EXPECT_EQ(raw[beast_http::field::content_type], "application/json");
  Request old{verb::get, "/api/v1/whole/ab", 10};
  old.set(beast_http::field::authorization, "viewer");
  asio::io_context ioc;
  auto f = asio::co_spawn(ioc, r.Dispatch(old), asio::use_future);
  ioc.run();
  Response whole = f.get();
  EXPECT_EQ(whole.result(), status::service_unavailable);
  EXPECT_EQ(whole[beast_http::field::retry_after], "1");
  EXPECT_EQ(whole.version(), 10u);  // the request's HTTP version
  EXPECT_EQ(whole.body(), "2\n");
}

}  // namespace
}  // namespace warroom::http
