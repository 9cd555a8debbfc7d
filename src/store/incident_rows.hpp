#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace warroom::store {

// INC-YYYY-MM-DD-NNN: the day's counter `n`, widening past 999 rather than
// wrapping.
inline std::string FormatIncidentId(const std::string& day, std::int64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%03lld", static_cast<long long>(n));
  return "INC-" + day + "-" + buf;
}

// How the SQL adapters store an incident's participants: ",alice,bob," so a
// membership test is a substring search for ",name,".
inline std::string JoinParticipants(const std::vector<std::string>& v) {
  std::string s = ",";
  for (const auto& p : v) s += p + ",";
  return s;
}

inline std::vector<std::string> SplitParticipants(const std::string& p) {
  std::vector<std::string> out;
  std::size_t a = 1;
  while (a < p.size()) {
    std::size_t b = p.find(',', a);
    if (b == std::string::npos) break;
    if (b > a) out.push_back(p.substr(a, b - a));
    a = b + 1;
  }
  return out;
}

// A LIKE pattern (escape character '\') matching `text` anywhere, its
// wildcards escaped, so a search for "50%" means the text "50%".
inline std::string LikePattern(const std::string& text) {
  std::string p = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  return p + "%";
}

}  // namespace warroom::store
