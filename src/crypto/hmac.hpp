#pragma once

#include <string>
#include <string_view>

namespace warroom::crypto {

// The lowercase hex HMAC-SHA256 of `message` under `key` (libsodium): signs
// outbound webhooks and checks inbound ones.
std::string HmacSha256Hex(std::string_view key, std::string_view message);

// Compares two strings in time that does not depend on where they differ.
bool ConstantTimeEqual(std::string_view a, std::string_view b);

}  // namespace warroom::crypto
