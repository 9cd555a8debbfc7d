#include "base/text.hpp"

#include <cctype>

namespace warroom {

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\n\v\f\r") == std::string_view::npos;
}

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
