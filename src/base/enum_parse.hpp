#pragma once
// Parsing a public name back to its enum value, with the error a person
// reads: what was wrong, and every name that would do.

#include <string>
#include <string_view>

#include "base/enum_names.hpp"
#include "base/result.hpp"
#include "base/text.hpp"

namespace warroom {

// kInvalidArgument "unknown <what> '<text>': use one of a, b, c" for a name
// the table lacks.
template <typename E, std::size_t N>
Result<E> ParseName(const EnumNames<E, N>& names, std::string_view text, std::string_view what) {
  if (auto v = ValueIn(names, text)) return *v;
  std::string choices;
  for (const auto& [v, n] : names) {
    if (!choices.empty()) choices += ", ";
    choices += n;
  }
  return Error::InvalidArgument("unknown " + std::string(what) + " '" + Shown(text) +
                                "': use one of " + choices);
}

}  // namespace warroom
