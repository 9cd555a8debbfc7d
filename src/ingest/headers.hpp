#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace warroom::ingest {

// A request's header fields as the sender sent them (names in any case),
// viewing the request: valid while it is. No translator needs one today;
// each takes them so that one that does (an encoding, a version header)
// changes no caller.
using Headers = std::vector<std::pair<std::string_view, std::string_view>>;

}  // namespace warroom::ingest
