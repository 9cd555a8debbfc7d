#include "http/idempotency.hpp"

#include <algorithm>

#include "crypto/sha256.hpp"
#include "http/problem.hpp"
#include "http/utf8.hpp"

namespace warroom::http {

using beast_http::verb;

bool Mutates(verb method) {
  return method == verb::post || method == verb::put || method == verb::patch ||
         method == verb::delete_;
}

Result<std::optional<std::string>> IdempotencyKeyOf(const Request& req) {
  auto it = req.find(kIdempotencyKeyHeader);
  if (it == req.end()) return std::optional<std::string>();
  std::string_view key = it->value();
  bool visible = std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7f; });
  if (key.empty() || key.size() > kMaxIdempotencyKey || !visible)
    return Error::InvalidArgument(
        "the Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID, say); "
        "got " +
        std::to_string(key.size()) + " byte(s)" + (visible ? "" : " with spaces or other bytes"));
  return std::optional<std::string>(std::string(key));
}

store::RequestRecord IdentityOf(const engine::Caller& caller, const Request& req, std::string key,
                                TimePoint now) {
  store::RequestRecord r;
  r.caller = caller.handle;
  r.key = std::move(key);
  r.method = std::string(req.method_string());
  r.path = std::string(req.target());
  r.body_digest = crypto::Sha256(req.body());
  r.at = now;
  return r;
}

Response Replay(const store::RequestRecord& recorded, const store::RequestRecord& request,
                unsigned version) {
  if (recorded.method != request.method || recorded.path != request.path ||
      recorded.body_digest != request.body_digest) {
    bool same_target = recorded.method == request.method && recorded.path == request.path;
    return Problem(beast_http::status::unprocessable_entity, "idempotency-key-reused",
                   "the Idempotency-Key '" + SanitizeUtf8(request.key, 64) + "' was used at " +
                       FormatTime(recorded.at) + " for " +
                       (same_target ? "this request with another body"
                                    : recorded.method + " " + SanitizeUtf8(recorded.path, 128)) +
                       ": send a new key with a new request",
                   version);
  }
  Response res{static_cast<beast_http::status>(recorded.status), version};
  res.set(beast_http::field::content_type, recorded.content_type);
  res.set(beast_http::field::cache_control, "no-store");
  res.set(kIdempotentReplayedHeader, "true");
  res.body() = recorded.answer;
  return res;
}

engine::RecordedAnswer Recorded(const Response& res) {
  return engine::RecordedAnswer{static_cast<int>(res.result_int()),
                                std::string(res[beast_http::field::content_type]), res.body()};
}

}  // namespace warroom::http
