#pragma once

#include <boost/json.hpp>

#include "base/error.hpp"
#include "http/types.hpp"

namespace warroom::http {

// The one place that maps errors to HTTP: RFC 9457 problem+json with a
// message a person can act on.
beast_http::status StatusFor(ErrorCode code);
Response Problem(const Error& e, unsigned version = 11);

// A JSON answer.
Response Json(beast_http::status status, const boost::json::value& body, unsigned version = 11);

}  // namespace warroom::http
