#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace warroom {

// Writes `bytes` to `file` whole or not at all (a temporary file beside it,
// renamed over it), making the folders on the way: a web server reading the
// file never serves half of it.
Outcome WriteFileAtomically(const std::filesystem::path& file, std::string_view bytes);

// Where a static web server finds the document at URL `path` under its
// root `dir`: the path itself, or, for one without an extension (a page,
// "/status"), the index.html of the folder of that name.
std::filesystem::path StaticFileFor(const std::filesystem::path& dir, std::string_view path);

}  // namespace warroom
