#pragma once

#include <string>
#include <string_view>

namespace warroom::http {

// Whether an If-None-Match header names `etag` (a list, weak tags compare
// equal by RFC 9110 13.1.2's weak comparison, or "*").
bool NamesEtag(std::string_view header, std::string_view etag);

// A strong entity tag for `body`: a quoted hash of its bytes, the same on
// every instance that serves the same bytes.
std::string EtagOf(std::string_view body);

}  // namespace warroom::http
