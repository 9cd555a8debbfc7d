#include "engine/user_input.hpp"

#include <cctype>

namespace warroom::engine {

std::string Excerpt(std::string_view text) {
  constexpr std::size_t kShown = 64;
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text.substr(0, kShown)) {
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  if (text.size() > kShown) out += "… (" + std::to_string(text.size()) + " bytes)";
  return out;
}

Outcome CheckHandle(std::string_view h) {
  bool ok = !h.empty() && h.size() <= UserLimits::kHandle;
  for (char c : h) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'))
      ok = false;
  }
  if (!ok)
    return Error::InvalidArgument("handle '" + Excerpt(h) +
                                  "' must be 1 to 64 lower-case letters, digits, '.', '_' or '-'");
  return Success();
}

Outcome CheckText(std::string_view field, std::string_view value, std::size_t max) {
  if (value.size() > max)
    return Error::InvalidArgument("'" + std::string(field) + "' is " +
                                  std::to_string(value.size()) + " bytes long: at most " +
                                  std::to_string(max) + " are allowed");
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    // C0 controls and DEL, and the C1 controls (U+0080-U+009F, UTF-8 C2 80-9F):
    // a newline in a name would forge a row of a table.
    bool c1 = c == 0xc2 && i + 1 < value.size() &&
              static_cast<unsigned char>(value[i + 1]) >= 0x80 &&
              static_cast<unsigned char>(value[i + 1]) <= 0x9f;
    if (c < 0x20 || c == 0x7f || c1)
      return Error::InvalidArgument("'" + std::string(field) +
                                    "' holds a control character (byte " + std::to_string(i) +
                                    "): use plain text on one line");
  }
  return Success();
}

}  // namespace warroom::engine
