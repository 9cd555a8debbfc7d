#include "base/text.hpp"

#include <cctype>

namespace warroom {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Shown(std::string_view value) {
  constexpr std::size_t kShown = 64;
  if (value.size() <= kShown) return std::string(value);
  std::size_t cut = kShown;
  // Never split a UTF-8 sequence: back up over continuation bytes.
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "…";
}

}  // namespace warroom
