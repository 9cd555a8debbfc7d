#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/result.hpp"
#include "base/time.hpp"
#include "store/records.hpp"

namespace warroom::store {

// A mutating request's answer kept under the client's Idempotency-Key, in
// the same transaction as what the request changed: a retry after a lost
// answer or a lost COMMIT gets the original answer instead of applying
// twice. Keys are per caller (the token's user).
struct RequestRecord {
  std::string caller;
  std::string key;
  std::string method;
  std::string path;
  Hash body_digest{};  // SHA-256 of the request body: a key reused for another request is refused
  int status = 0;
  std::string content_type;
  std::string answer;  // the body as it was sent
  TimePoint at;
};

class RequestReads {
 public:
  virtual ~RequestReads() = default;
  virtual Result<std::optional<RequestRecord>> FindRequest(const std::string& caller,
                                                           const std::string& key) = 0;
};

class RequestWrites {
 public:
  virtual ~RequestWrites() = default;
  // kAlreadyExists when the caller's key is recorded (nothing written).
  virtual Outcome RecordRequest(const RequestRecord& r) = 0;
  // Forgets the records made before `before`; answers how many.
  virtual Result<std::int64_t> ForgetRequests(TimePoint before) = 0;
};

}  // namespace warroom::store
