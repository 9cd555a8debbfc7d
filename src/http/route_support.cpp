#include "http/route_support.hpp"

#include "api/fields.hpp"
#include "base/text.hpp"

// The pure readers of requests: no I/O, no engine (the fuzz harnesses link
// this file alone; Authenticate, which asks the engine, is in authenticate.cpp).
namespace warroom::http {

namespace json = boost::json;

std::string BearerToken(std::string_view authorization) {
  // RFC 9110 11.1: the auth-scheme is case-insensitive; one or more spaces
  // (or tabs) separate it from the credentials.
  constexpr std::string_view kScheme = "bearer";
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  if (authorization.size() <= kScheme.size() ||
      AsciiLower(authorization.substr(0, kScheme.size())) != kScheme ||
      !blank(authorization[kScheme.size()]))
    return {};
  std::string_view rest = authorization.substr(kScheme.size());
  while (!rest.empty() && blank(rest.front())) rest.remove_prefix(1);
  while (!rest.empty() && blank(rest.back())) rest.remove_suffix(1);
  return std::string(rest);
}

Outcome RequireJsonContentType(const Request& req) {
  std::string_view type = req[beast_http::field::content_type];
  // The media type without parameters (charset=utf-8 and the like).
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  std::string lower = AsciiLower(type);
  bool json = lower == "application/json" ||
              (lower.size() > 5 && lower.compare(lower.size() - 5, 5, "+json") == 0 &&
               lower.find('/') != std::string::npos);
  if (json) return Success();
  std::string shown = type.empty() ? std::string("none") : "'" + Shown(type) + "'";
  return Error::UnsupportedMediaType(
      "the request body must be JSON, sent with Content-Type: "
      "application/json (the Content-Type was " +
      shown + ")");
}

Result<json::object> ParseBody(const Request& req, bool allow_empty) {
  if (req.body().empty()) {
    if (allow_empty) return json::object();
    // An empty body with a wrong Content-Type is still a wrong Content-Type.
    if (req.count(beast_http::field::content_type))
      WARROOM_RETURN_IF_ERROR(RequireJsonContentType(req));
    return Error::InvalidArgument("the request needs a JSON object body");
  }
  WARROOM_RETURN_IF_ERROR(RequireJsonContentType(req));
  boost::system::error_code ec;
  json::value v = json::parse(req.body(), ec);
  if (ec) return Error::InvalidArgument("the request body is not valid JSON: " + ec.message());
  if (!v.is_object()) return Error::InvalidArgument("the request body must be a JSON object");
  return std::move(v.as_object());
}

int WholeNumber(const std::string& v) {
  // Digits only (std::stoi would take " 5" and "+5"), and at most what an
  // int holds.
  if (v.empty() || v.size() > 9) return -1;
  for (char c : v)
    if (c < '0' || c > '9') return -1;
  return std::stoi(v);
}

Result<std::int64_t> PositiveId(const std::string& text, std::string_view what) {
  try {
    std::size_t used = 0;
    long long n = std::stoll(text, &used);
    if (used == text.size() && n > 0) return static_cast<std::int64_t>(n);
  } catch (...) {
  }
  return Error::InvalidArgument("'" + Shown(text) + "' is not " + std::string(what) +
                                " (a positive number)");
}

Result<int> Limit(const std::string& v) {
  int n = WholeNumber(v);
  if (n < 1 || n > 1000)
    return Error::InvalidArgument("'limit' must be a whole number from 1 to 1000");
  return n;
}

}  // namespace warroom::http
