#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace warroom::http {

// `text` as valid UTF-8 of at most `max_bytes` bytes (plus the ellipsis):
// every invalid sequence (a stray byte, an overlong form, a surrogate, a code
// point past U+10FFFF, a truncated sequence) becomes U+FFFD, and a longer text
// is cut at a character boundary and ends in "…". Error bodies echo what a
// client sent (a percent-decoded path, a field): this keeps them valid JSON
// and small whatever the client sent.
std::string SanitizeUtf8(std::string_view text, std::size_t max_bytes);

}  // namespace warroom::http
