#pragma once

#include <string>
#include <string_view>

namespace warroom {

// ASCII lowercase (header names, Slack channel names, hex digests): never
// locale-dependent.
std::string AsciiLower(std::string_view s);

}  // namespace warroom
