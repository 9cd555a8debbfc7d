#include "base/atomic_file.hpp"

#include <fstream>

namespace warroom {

namespace fs = std::filesystem;

Outcome WriteFileAtomically(const fs::path& file, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec)
    return Error::Unavailable("cannot create the folder " + file.parent_path().string() + ": " +
                              ec.message());
  fs::path tmp = file;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      fs::remove(tmp, ec);
      return Error::Unavailable("cannot write " + tmp.string() +
                                " (is the disk full, or the folder not writable?)");
    }
  }
  fs::rename(tmp, file, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    return Error::Unavailable("cannot rename " + tmp.string() + " to " + file.string() + ": " +
                              ec.message());
  }
  return Success();
}

fs::path StaticFileFor(const fs::path& dir, std::string_view path) {
  while (path.starts_with('/')) path.remove_prefix(1);
  fs::path rel{std::string(path)};
  if (!rel.has_extension()) rel /= "index.html";
  return dir / rel;
}

}  // namespace warroom
