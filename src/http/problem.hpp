#pragma once

#include <boost/json.hpp>

#include "base/error.hpp"
#include "http/types.hpp"

namespace warroom::http {

// The one place that maps errors to HTTP: RFC 9457 problem+json with a
// message a person can act on.
beast_http::status StatusFor(ErrorCode code);
Response Problem(const Error& e, unsigned version = 11);
// A problem whose status no error code names (405, 429, 431): `code` is its
// stable name, such as "method-not-allowed". Every problem's detail is made
// valid UTF-8 and cut at kMaxDetailBytes here, so a body that echoes what a
// client sent is always valid JSON.
Response Problem(beast_http::status status, std::string_view code, std::string_view detail,
                 unsigned version = 11);
inline constexpr std::size_t kMaxDetailBytes = 2048;

// A JSON answer.
Response Json(beast_http::status status, const boost::json::value& body, unsigned version = 11);

}  // namespace warroom::http
