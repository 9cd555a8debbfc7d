#include "http/ui/web_files.hpp"

namespace warroom::http::ui {

const WebFile* FindWebFile(std::string_view path) {
  for (const WebFile& f : WebFiles())
    if (f.path == path) return &f;
  return nullptr;
}

std::string_view ContentTypeOf(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".html")) return "text/html; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace warroom::http::ui
