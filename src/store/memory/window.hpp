#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace warroom::store::memory {

// SQL's LIMIT/OFFSET over rows already in order: [offset, offset + limit)
// of `rows`, a negative limit meaning all of them (as SQLite reads it).
template <typename T>
std::vector<T> Window(std::vector<T> rows, int limit, int offset = 0) {
  std::size_t from = std::min(rows.size(), static_cast<std::size_t>(std::max(offset, 0)));
  rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(from));
  if (limit >= 0 && rows.size() > static_cast<std::size_t>(limit))
    rows.resize(static_cast<std::size_t>(limit));
  return rows;
}

}  // namespace warroom::store::memory
