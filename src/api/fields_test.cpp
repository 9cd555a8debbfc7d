#include "api/fields.hpp"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

#include "api/command_json.hpp"

namespace warroom::api {
namespace {

namespace json = boost::json;

json::object Body(std::string_view text) { return json::parse(text).as_object(); }

// The error of decoding `body` as `action`, which must fail as invalid-argument.
std::string Refusal(std::string_view action, std::string_view body) {
  auto r = DecodeCommand(action, Body(body));
  EXPECT_FALSE(r.ok()) << action << " " << body;
  if (r.ok()) return {};
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << r.error().message;
  return r.error().message;
}

TEST(Fields, CustomersAffectedAboveInt64IsARangeErrorNotACrash) {
  // 2^63 and 2^64-1 arrive as uint64: converting them threw (a 500).
  for (const char* n :
       {"9223372036854775808", "18446744073709551615", "9007199254740992", "-1", "1e300", "2.5"}) {
    std::string m = Refusal("impact", std::string(R"({"customers_affected": )") + n + "}");
    EXPECT_NE(m.find("'customers_affected' must be a whole number from 0 to 9007199254740991"),
              std::string::npos)
        << n << ": " << m;
    m = Refusal(
        "declare",
        std::string(R"({"severity": "P1", "summary": "x", "impact": {"customers_affected": )") + n +
            "}}");
    EXPECT_NE(m.find("'customers_affected'"), std::string::npos) << m;
  }
  auto ok = DecodeCommand("impact", Body(R"({"customers_affected": 9007199254740991})"));
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(*std::get<core::commands::UpdateImpact>(*ok).change.customers_affected,
            9007199254740991);
  EXPECT_NE(Refusal("impact", R"({"customers_affected": "12"})").find("not a string"),
            std::string::npos);
}

TEST(Fields, ABlankRequiredTextIsRefusedByNameBeforeTheIncidentsStateIsLookedAt) {
  // A blank required text passed the decoder, so the refusal came from the
  // domain after the state check: a 409 or 404 for a bad body, or a message
  // naming no field ("what was done to mitigate must not be empty").
  // Found by the contract test's generated requests (CONTRACT_SEED=1).
  for (const auto& [action, body, field] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"mitigate", R"({"action": " "})", "'action'"},
           {"reopen", R"({"reason": ""})", "'reason'"},
           {"links", R"({"kind": "", "url": "https://status.example/1"})", "'kind'"},
           {"notes", R"({"kind": "finding", "text": "\n\t "})", "'text'"},
           {"declare", R"({"severity": "P1", "summary": " "})", "'summary'"}}) {
    std::string m = Refusal(action, body);
    EXPECT_NE(m.find(field + " is required and must not be blank"), std::string::npos)
        << action << " " << body << ": " << m;
  }
  EXPECT_TRUE(DecodeCommand("mitigate", Body(R"({"action": " rolled back "})")).ok());
}

TEST(Fields, TaskIdsAndPercentagesAreBounded) {
  EXPECT_NE(Refusal("complete-task", R"({"task_id": 18446744073709551615})").find("'task_id'"),
            std::string::npos);
  EXPECT_NE(Refusal("complete-task", R"({"task_id": 0})").find("from 1"), std::string::npos);
  EXPECT_NE(Refusal("impact", R"({"customers_affected_pct": 1e308})").find("from 0 to 100"),
            std::string::npos);
}

TEST(Fields, TimesBefore2000OrFromTheNextCenturyAreRefusedByName) {
  EXPECT_NE(Refusal("declare",
                    R"({"severity": "P1", "summary": "x", "detected_at": "0001-01-01T00:00:00Z"})")
                .find("'detected_at' 0001-01-01T00:00:00Z is outside the accepted window: from "
                      "2000-01-01T00:00:00Z"),
            std::string::npos);
  EXPECT_NE(Refusal("acknowledge", R"({"at": "1999-12-31T23:59:59Z"})").find("'at'"),
            std::string::npos);
  EXPECT_NE(Refusal("impact", R"({"eta": "2100-01-01T00:00:00Z"})").find("'eta'"),
            std::string::npos);
  EXPECT_NE(Refusal("impact", R"({"impact_start": "1970-01-01T00:00:00Z"})").find("'impact_start'"),
            std::string::npos);
  EXPECT_TRUE(DecodeCommand("acknowledge", Body(R"({"at": "2000-01-01T00:00:00Z"})")).ok());
}

TEST(Fields, WrongTypesAreRefusedNeverCoerced) {
  // A link title of another type was stored as "".
  EXPECT_NE(Refusal("links", R"({"kind": "doc", "url": "https://wiki.example/x", "title": 5})")
                .find("'title' must be a string, not a number"),
            std::string::npos);
  EXPECT_NE(Refusal("resolve", R"({"summary": "x", "reason": ["a"]})")
                .find("'reason' must be a string, not a list"),
            std::string::npos);
  EXPECT_NE(Refusal("resolve", R"({"summary": "x", "force": "yes"})")
                .find("'force' must be true or false"),
            std::string::npos);
  EXPECT_NE(Refusal("dismiss", R"({"reason": "duplicate", "note": {}})").find("'note'"),
            std::string::npos);
  EXPECT_NE(Refusal("tasks", R"({"title": "x", "assignee": true})").find("'assignee'"),
            std::string::npos);
  EXPECT_NE(Refusal("updates", R"({"template": 3})").find("'template'"), std::string::npos);
  EXPECT_NE(Refusal("page", R"({"to": "ops", "reason": 1})").find("'reason'"), std::string::npos);
  EXPECT_NE(Refusal("unfreeze", R"({"reason": false})").find("'reason'"), std::string::npos);
  EXPECT_NE(Refusal("close", R"({"pir_url": 7})").find("'pir_url'"), std::string::npos);
  EXPECT_NE(
      Refusal("impact", R"({"affected_components": ["api", 3]})").find("'affected_components[1]'"),
      std::string::npos);
}

TEST(Fields, UrlsMustBeAbsoluteHttp) {
  for (const char* url :
       {"javascript:alert(1)", "JAVASCRIPT://x", "ftp://files.example/a", "/pir/1", "https://",
        "http:///path", "https://wiki.example/a b", "data:text/html,x"}) {
    std::string m = Refusal("links", std::string(R"({"kind": "doc", "url": ")") + url + "\"}");
    EXPECT_NE(m.find("'url'"), std::string::npos) << url;
    EXPECT_NE(m.find("absolute http:// or https:// URL"), std::string::npos) << m;
    m = Refusal("close", std::string(R"({"pir_url": ")") + url + "\"}");
    EXPECT_NE(m.find("'pir_url'"), std::string::npos) << url;
  }
  for (const char* url : {"https://wiki.example/pir/001", "HTTP://10.0.0.1:8080/x?y=1#z",
                          "https://[::1]:8443/", "https://user@host.example"}) {
    EXPECT_TRUE(CheckUrl(url, "url").ok()) << url;
  }
  // Closing without a PIR URL stays possible (the policy decides whether one is needed).
  EXPECT_TRUE(DecodeCommand("close", Body("{}")).ok());
}

TEST(Fields, LongStringsAreRefusedByNameAndNeverEchoedWhole) {
  std::string big(100000, 'x');
  std::string m = Refusal("declare", R"({"severity": ")" + big + R"(", "summary": "x"})");
  EXPECT_NE(m.find("'severity' is 100000 bytes; at most 64"), std::string::npos)
      << m.substr(0, 200);
  EXPECT_LT(m.size(), 200u);
  m = Refusal("declare", R"({"severity": "P1", "summary": ")" + big + R"("})");
  EXPECT_NE(m.find("'summary' is 100000 bytes; at most 500"), std::string::npos);
  m = Refusal("notes", R"({"kind": "decision", "text": ")" + big + R"("})");
  EXPECT_NE(m.find("'text' is 100000 bytes; at most 20000"), std::string::npos);
  m = Refusal("roles", R"({"role": "scribe", "user": ")" + big + R"("})");
  EXPECT_NE(m.find("'user' is 100000 bytes; at most 64"), std::string::npos);
  m = Refusal("links", R"({"kind": "doc", "url": "javascript:)" + big + R"("})");
  EXPECT_LT(m.size(), 300u);
  auto unknown = DecodeCommand(big, Body("{}"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_LT(unknown.error().message.size(), 400u);
}

TEST(Fields, ShownCutsAtACharacterBoundary) {
  EXPECT_EQ(Shown("short"), "short");
  std::string accents;
  for (int i = 0; i < 40; ++i) accents += "é";  // two bytes each
  std::string s = Shown(accents);
  EXPECT_EQ(s.size(), 64u + std::string("…").size());
  EXPECT_EQ(s.substr(0, 64), accents.substr(0, 64));
  std::string odd = "x" + accents;  // the cut falls inside a character
  EXPECT_EQ(Shown(odd).substr(0, 63), odd.substr(0, 63));
  EXPECT_EQ(Shown(odd).size(), 63u + std::string("…").size());
}

}  // namespace
}  // namespace warroom::api
