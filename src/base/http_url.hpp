#pragma once

#include <string_view>

namespace warroom {

// What keeps `url` from being an absolute http:// or https:// URL with a
// host and no spaces or control characters ("is not an http(s) URL", "has
// no host", ...), or "" when it is one. Links people click (a PIR, a link,
// an alert's source) are only ever such URLs: never javascript: or data:.
std::string_view HttpUrlProblem(std::string_view url);

}  // namespace warroom
