#include "http/gzip.hpp"

#include <zlib.h>

#include <cctype>

namespace warroom::http {

namespace {

constexpr int kGzipWindow = 15 + 16;  // zlib's way to ask for a gzip header

}  // namespace

std::string Gzip(std::string_view bytes) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, kGzipWindow, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    return {};
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

Result<std::string> Gunzip(std::string_view gz) {
  z_stream z{};
  if (inflateInit2(&z, kGzipWindow) != Z_OK) return Error::Internal("zlib would not start");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  std::string out;
  char buf[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return Error::InvalidArgument("not a whole gzip stream");
  return out;
}

bool AcceptsGzip(std::string_view h) {
  while (!h.empty()) {
    std::size_t comma = h.find(',');
    std::string_view one = h.substr(0, comma);
    h = comma == std::string_view::npos ? std::string_view() : h.substr(comma + 1);
    while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
    std::size_t semi = one.find(';');
    std::string_view coding = one.substr(0, semi);
    while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
    std::string lower;
    for (char c : coding) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower != "gzip" && lower != "*") continue;
    if (semi != std::string_view::npos) {
      std::string_view params = one.substr(semi + 1);
      std::size_t q = params.find("q=");
      if (q != std::string_view::npos) {
        std::string_view v = params.substr(q + 2);
        bool zero = !v.empty() && v[0] == '0';
        for (std::size_t i = 1; zero && i < v.size() && v[i] != ' ' && v[i] != ';'; ++i)
          zero = v[i] == '.' || v[i] == '0';
        if (zero) continue;
      }
    }
    return true;
  }
  return false;
}

}  // namespace warroom::http
