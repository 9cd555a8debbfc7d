#pragma once

// The files of web/ (page templates, CSS, JavaScript), compiled into the
// binary by embed_web.cmake.

#include <string_view>
#include <vector>

namespace warroom::http::ui {

struct WebFile {
  std::string_view path;  // relative to web/: "pages/dashboard.html", "assets/app.css"
  std::string_view bytes;
  std::string_view etag;  // quoted, for ETag and If-None-Match
};

const std::vector<WebFile>& WebFiles();

// The file at `path`, or null.
const WebFile* FindWebFile(std::string_view path);

// Its Content-Type, from the extension.
std::string_view ContentTypeOf(std::string_view path);

}  // namespace warroom::http::ui
