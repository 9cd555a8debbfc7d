#pragma once

#include <array>
#include <string_view>

namespace warroom::crypto {

// SHA-256 of `data` through OpenSSL, which uses the CPU's SHA instructions
// where it has them: an integration key's digest, taken on every ingest
// request, cost about 7,000 instructions in libsodium's portable code and
// about a quarter of that time here. Same digest either way (tested).
std::array<unsigned char, 32> Sha256(std::string_view data);

}  // namespace warroom::crypto
