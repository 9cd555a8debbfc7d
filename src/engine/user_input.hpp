#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "base/time.hpp"

namespace warroom::engine {

// The checks of what people type into users and tokens (and integration
// names): each refusal is kInvalidArgument, names the field, and never
// echoes a bad value whole.

// The bounds of what people type into users and tokens, in bytes: the one
// place they are named (the API and the CLI refuse longer values by field).
struct UserLimits {
  static constexpr std::size_t kHandle = 64;
  static constexpr std::size_t kName = 200;
  static constexpr std::size_t kLabel = 200;
  static constexpr std::size_t kContact = 254;  // email (RFC 5321), chat handle, member id, phone
  static constexpr Duration kMaxTokenLifetime = std::chrono::hours(24 * 3660);  // ~10 years
};

// Handles are lower-case letters, digits, '.', '_' and '-', 1 to 64 long.
// The error quotes at most the first 64 bytes of a bad one.
Outcome CheckHandle(std::string_view handle);
// A free-text field (name, label): at most `max` bytes, no control
// characters; the error names the field and never echoes the value whole.
Outcome CheckText(std::string_view field, std::string_view value, std::size_t max);
// `text` fit for an error message: at most 64 bytes, bytes other than
// printable ASCII as \xNN, and "…" with the full length when cut.
std::string Excerpt(std::string_view text);

}  // namespace warroom::engine
