#pragma once

#include <optional>
#include <string>

#include "base/result.hpp"
#include "base/time.hpp"
#include "engine/caller.hpp"
#include "engine/request_scope.hpp"
#include "http/types.hpp"
#include "store/requests.hpp"

namespace warroom::http {

// The header a client sends with a mutating request so that a retry
// (after a lost answer, a dropped connection or a 503) applies it once.
inline constexpr std::string_view kIdempotencyKeyHeader = "Idempotency-Key";
// Set on an answer that is the recorded one, not a new application.
inline constexpr std::string_view kIdempotentReplayedHeader = "Idempotent-Replayed";
inline constexpr std::size_t kMaxIdempotencyKey = 255;

// Whether a request of `method` may change something (a key is honoured on
// these; GET and HEAD are repeatable as they are).
bool Mutates(beast_http::verb method);

// The request's key: none when it has no header; InvalidArgument when the
// key is empty, longer than kMaxIdempotencyKey or not visible ASCII.
Result<std::optional<std::string>> IdempotencyKeyOf(const Request& req);

// What identifies the request under its key: the caller, method, target
// and the SHA-256 of the body, at `now`.
store::RequestRecord IdentityOf(const engine::Caller& caller, const Request& req, std::string key,
                                TimePoint now);

// The answer to a request whose key is recorded: the recorded answer when
// it is the same request (marked Idempotent-Replayed), else 422 (the key
// was used for another request).
Response Replay(const store::RequestRecord& recorded, const store::RequestRecord& request,
                unsigned version);

// A response as it is recorded.
engine::RecordedAnswer Recorded(const Response& res);

}  // namespace warroom::http
