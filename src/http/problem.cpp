#include "http/problem.hpp"

#include "http/utf8.hpp"

namespace warroom::http {

namespace json = boost::json;
using beast_http::status;

status StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return status::bad_request;
    case ErrorCode::kNotFound:
      return status::not_found;
    case ErrorCode::kAlreadyExists:
      return status::conflict;
    case ErrorCode::kFailedPrecondition:
      return status::conflict;
    case ErrorCode::kConflict:
      return status::conflict;
    case ErrorCode::kUnauthenticated:
      return status::unauthorized;
    case ErrorCode::kPermissionDenied:
      return status::forbidden;
    case ErrorCode::kPayloadTooLarge:
      return status::payload_too_large;
    case ErrorCode::kUnsupportedMediaType:
      return status::unsupported_media_type;
    case ErrorCode::kResourceExhausted:
      return status::service_unavailable;
    case ErrorCode::kTooManyRequests:
      return status::too_many_requests;
    case ErrorCode::kUnavailable:
      return status::service_unavailable;
    case ErrorCode::kInternal:
      return status::internal_server_error;
  }
  return status::internal_server_error;
}

Response Json(status s, const json::value& body, unsigned version) {
  Response res{s, version};
  res.set(beast_http::field::content_type, "application/json");
  res.set(beast_http::field::cache_control, "no-store");
  res.body() = json::serialize(body);
  res.body() += '\n';
  return res;
}

Response Problem(const Error& e, unsigned version) {
  return Problem(StatusFor(e.code), ErrorCodeName(e.code), e.message, version);
}

Response Problem(status s, std::string_view code, std::string_view detail, unsigned version) {
  json::object o;
  o["type"] = "urn:warroom:problem:" + std::string(code);
  o["title"] = std::string(beast_http::obsolete_reason(s));
  o["status"] = static_cast<int>(s);
  o["detail"] = SanitizeUtf8(detail, kMaxDetailBytes);
  o["code"] = code;
  Response res = Json(s, o, version);
  res.set(beast_http::field::content_type, "application/problem+json");
  if (s == status::service_unavailable) res.set(beast_http::field::retry_after, "1");
  if (s == status::unauthorized) res.set(beast_http::field::www_authenticate, "Bearer");
  return res;
}

}  // namespace warroom::http
