#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/text.hpp"

namespace warroom::store {

// How the SQL adapters store a subscriber's components: ",api,web," (","
// for every component), as incidents' participants are, so the subscribers
// of one component are found by a substring search for ",api,".
inline std::string JoinComponents(const std::vector<std::string>& v) {
  std::string s = ",";
  for (const auto& c : v) s += c + ",";
  return s;
}

inline std::vector<std::string> SplitComponents(const std::string& s) {
  std::vector<std::string> out;
  std::size_t a = 1;
  while (a < s.size()) {
    std::size_t b = s.find(',', a);
    if (b == std::string::npos) break;
    if (b > a) out.push_back(s.substr(a, b - a));
    a = b + 1;
  }
  return out;
}

// A list JoinComponents cannot store so that it reads back the same: an
// empty id, or one with a comma. Every adapter refuses it (the memory twin
// too, so a caller's bug shows in its tests).
inline Outcome CheckComponents(const std::vector<std::string>& v) {
  for (const auto& c : v)
    if (c.empty() || c.find(',') != std::string::npos)
      return Error::InvalidArgument("a component id cannot be empty or hold a comma: '" + Shown(c) +
                                    "'");
  return Success();
}

}  // namespace warroom::store
