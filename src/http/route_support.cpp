#include "http/route_support.hpp"

#include "base/text.hpp"

namespace warroom::http {

namespace asio = boost::asio;
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

asio::awaitable<Result<engine::Caller>> Authenticate(const ApiServices& s, const Request& req) {
  std::string token = BearerToken(req[beast_http::field::authorization]);
  auto start1 = [s, token](auto done) { s.users->Authenticate(token, std::move(done)); };
  co_return co_await Await<engine::Caller>(start1);
}

Result<json::object> ParseBody(const Request& req, bool allow_empty) {
  if (req.body().empty()) {
    if (allow_empty) return json::object();
    return Error::InvalidArgument("the request needs a JSON object body");
  }
  boost::system::error_code ec;
  json::value v = json::parse(req.body(), ec);
  if (ec) return Error::InvalidArgument("the request body is not valid JSON: " + ec.message());
  if (!v.is_object()) return Error::InvalidArgument("the request body must be a JSON object");
  return std::move(v.as_object());
}

int WholeNumber(const std::string& v) {
  try {
    std::size_t used = 0;
    int n = std::stoi(v, &used);
    return used == v.size() && n >= 0 ? n : -1;
  } catch (...) {
    return -1;
  }
}

Result<std::int64_t> PositiveId(const std::string& text, std::string_view what) {
  try {
    std::size_t used = 0;
    long long n = std::stoll(text, &used);
    if (used == text.size() && n > 0) return static_cast<std::int64_t>(n);
  } catch (...) {
  }
  return Error::InvalidArgument("'" + text + "' is not " + std::string(what) +
                                " (a positive number)");
}

Result<int> Limit(const std::string& v) {
  int n = WholeNumber(v);
  if (n < 1 || n > 1000)
    return Error::InvalidArgument("'limit' must be a whole number from 1 to 1000");
  return n;
}

}  // namespace warroom::http
