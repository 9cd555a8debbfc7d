#pragma once

#include <string>

#include "base/result.hpp"

namespace warroom::app {

// "sqlite:PATH" (or a bare path ending in .db) -> PATH. A postgres:// URL
// comes with the PostgreSQL adapter.
Result<std::string> SqlitePath(const std::string& url);

}  // namespace warroom::app
