#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace warroom::store {

// The length-prefixed big-endian encoding that the event chain and the
// checkpoints hash (docs/event-format.md): a u64 as 8 bytes, a string as a
// 4-byte length and its bytes.
inline void PutU64(std::string& out, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((v >> (i * 8)) & 0xff));
}

inline void PutStr(std::string& out, std::string_view s) {
  std::uint32_t n = static_cast<std::uint32_t>(s.size());
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((n >> (i * 8)) & 0xff));
  out.append(s);
}

}  // namespace warroom::store
