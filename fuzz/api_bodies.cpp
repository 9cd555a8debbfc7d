// The API's request bodies, read as the routes read them: the body through
// ParseBody (route_support.hpp), then the decoder the first byte chooses:
// every incident action of POST /api/v1/incidents/{id}/{action} and the
// incident creation (api/command_json.hpp), and the bodies of the users,
// tokens, classify, integrations, alert triage and clock routes
// (http/request_bodies.hpp). Beyond "no crash": a decoder gives the same
// answer for the body written out and read back (json::serialize), and
// refuses with a message that names what is wrong.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/command_json.hpp"
#include "api/fields.hpp"
#include "fuzz_check.hpp"
#include "http/request_bodies.hpp"
#include "http/route_support.hpp"

using namespace warroom;
namespace json = boost::json;

namespace {

// The actions of POST /api/v1/incidents/{id}/{action}, "declare" (POST
// /api/v1/incidents), and those routes that name the action themselves
// (DELETE .../responders/{user} is "leave", .../tasks/{n}/complete is
// "complete-task").
constexpr std::string_view kActions[] = {
    "declare", "acknowledge",   "identify", "mitigate",  "resolve",    "close",
    "reopen",  "dismiss",       "severity", "roles",     "responders", "leave",
    "tasks",   "complete-task", "notes",    "updates",   "links",      "impact",
    "page",    "freeze",        "unfreeze", "visibility"};
constexpr std::size_t kCommandDecoders = std::size(kActions);

// Runs decoder `which` on `body`: true when it accepted it; the message of
// a refusal in `error`.
bool Decode(std::size_t which, const json::object& body, std::string& error) {
  auto verdict = [&error](const auto& r) {
    if (r.ok()) return true;
    error = r.error().message;
    return false;
  };
  if (which < kCommandDecoders) {
    auto at = api::TimeField(body, "at");  // every action's `at`, read by the route
    if (!at.ok()) return verdict(at);
    return verdict(api::DecodeCommand(kActions[which], body));
  }
  switch (which - kCommandDecoders) {
    case 0:
      return verdict(http::UserOf(body));
    case 1:
      return verdict(http::PermissionField(body));
    case 2:
      return verdict(http::TokenRequestOf(body));
    case 3:
      return verdict(http::ImpactAssessmentOf(body));
    case 4:
      return verdict(http::NewIntegrationOf(body));
    case 5:
      return verdict(http::TriageDeclarationOf(body));
    case 6:
      return verdict(http::TriageAttachOf(body));
    case 7:
      return verdict(http::TriageDismissalOf(body));
    default:
      return verdict(http::ClockAdvanceOf(body));
  }
}
constexpr std::size_t kDecoders = kCommandDecoders + 9;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::size_t which = data[0] % kDecoders;
  http::Request req{boost::beast::http::verb::post, "/api/v1/incidents", 11};
  req.set(boost::beast::http::field::content_type, "application/json");
  req.body().assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto body = http::ParseBody(req, true);
  if (!body.ok()) return 0;

  std::string error;
  bool accepted = Decode(which, *body, error);
  if (!accepted) FUZZ_CHECK(!error.empty());

  // The same body, written out and read back, decodes the same. (Not for a
  // body with a fraction: see fuzz::HasDouble; 1e999 is even written as the
  // bare word Infinity. No answer echoes such a number.)
  if (fuzz::HasDouble(*body)) return 0;
  boost::system::error_code ec;
  json::value back = json::parse(json::serialize(*body), ec);
  FUZZ_CHECK(!ec && back.is_object() && back.as_object() == *body);
  std::string error2;
  FUZZ_CHECK(Decode(which, back.as_object(), error2) == accepted);
  FUZZ_CHECK(error2 == error);
  return 0;
}
