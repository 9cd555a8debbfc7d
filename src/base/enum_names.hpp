#pragma once
// One table of an enum's public names, read both ways. Every enum whose
// values are written as text (events, stored rows, the API, the config)
// keeps its names in one constexpr table, instead of a switch for the name
// and a loop over the values to parse it back, written again for each enum.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace warroom {

template <typename E, std::size_t N>
using EnumNames = std::array<std::pair<E, std::string_view>, N>;

// The name of `e`; `fallback` for a value the table lacks (only a cast from
// an out-of-range integer can make one).
template <typename E, std::size_t N>
constexpr std::string_view NameIn(const EnumNames<E, N>& names, E e, std::string_view fallback) {
  for (const auto& [value, name] : names)
    if (value == e) return name;
  return fallback;
}

// The value named `text` exactly; nullopt for any other text.
template <typename E, std::size_t N>
constexpr std::optional<E> ValueIn(const EnumNames<E, N>& names, std::string_view text) {
  for (const auto& [value, name] : names)
    if (name == text) return value;
  return std::nullopt;
}

}  // namespace warroom
