#include "core/severity/severity.hpp"

#include <cctype>
#include <string>

#include "base/text.hpp"

namespace warroom::core {

std::string_view SeverityName(Severity s) {
  static constexpr std::string_view kNames[] = {"P0", "P1", "P2", "P3"};
  return kNames[static_cast<int>(s)];
}

std::string_view SeverityAlias(Severity s) {
  static constexpr std::string_view kAliases[] = {"SEV-1", "SEV-2", "SEV-3", "SEV-4"};
  return kAliases[static_cast<int>(s)];
}

Result<Severity> ParseSeverity(std::string_view text) {
  std::string t;
  for (char c : text) {
    if (c != '-' && c != '_' && c != ' ')
      t += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (t.size() == 2 && t[0] == 'P' && t[1] >= '0' && t[1] <= '3') {
    return static_cast<Severity>(t[1] - '0');
  }
  if (t.size() == 4 && t.substr(0, 3) == "SEV" && t[3] >= '1' && t[3] <= '4') {
    return static_cast<Severity>(t[3] - '1');
  }
  return Error::InvalidArgument("unknown severity '" + Shown(text) +
                                "': use P0, P1, P2 or P3 (or SEV-1 to SEV-4)");
}

}  // namespace warroom::core
