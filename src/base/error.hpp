#pragma once

#include <string>
#include <string_view>

namespace warroom {

// What a caller should do about a failure decides its code (the way Abseil's
// status codes are chosen): fix the input, fix the state first, retry the whole
// read-modify-write, or retry later.
enum class ErrorCode {
  kInvalidArgument,     // the input is wrong whatever the state: fix the request
  kNotFound,            // the thing named does not exist (or is not visible to you)
  kAlreadyExists,       // creating something whose key is taken
  kFailedPrecondition,  // the state forbids it now (an invalid transition): change the state first
  kConflict,            // a concurrent writer won: retry the read-modify-write
  kUnauthenticated,     // no or bad credentials
  kPermissionDenied,    // credentials fine, permission missing
  kPayloadTooLarge,     // the request body is over its limit
  kUnsupportedMediaType,  // the request body is not of a type the endpoint reads (not JSON)
  kResourceExhausted,     // a named queue bound was reached: retry later
  kTooManyRequests,       // one client's (or address's) bound was reached: retry after a while
  kUnavailable,           // the service is starting or stopping: retry later
  kInternal,              // a broken invariant or an unexpected I/O failure
};

// A stable, lower-case name for each code (used in problem+json `type`).
std::string_view ErrorCodeName(ErrorCode code);

// An expected failure with a message a person can act on.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;

  static Error InvalidArgument(std::string m) {
    return {ErrorCode::kInvalidArgument, std::move(m)};
  }
  static Error NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
  static Error AlreadyExists(std::string m) { return {ErrorCode::kAlreadyExists, std::move(m)}; }
  static Error FailedPrecondition(std::string m) {
    return {ErrorCode::kFailedPrecondition, std::move(m)};
  }
  static Error Conflict(std::string m) { return {ErrorCode::kConflict, std::move(m)}; }
  static Error Unauthenticated(std::string m) {
    return {ErrorCode::kUnauthenticated, std::move(m)};
  }
  static Error PermissionDenied(std::string m) {
    return {ErrorCode::kPermissionDenied, std::move(m)};
  }
  static Error PayloadTooLarge(std::string m) {
    return {ErrorCode::kPayloadTooLarge, std::move(m)};
  }
  static Error UnsupportedMediaType(std::string m) {
    return {ErrorCode::kUnsupportedMediaType, std::move(m)};
  }
  static Error ResourceExhausted(std::string m) {
    return {ErrorCode::kResourceExhausted, std::move(m)};
  }
  static Error TooManyRequests(std::string m) {
    return {ErrorCode::kTooManyRequests, std::move(m)};
  }
  static Error Unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
  static Error Internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }
};

}  // namespace warroom
