#include "http/flat_response.hpp"

namespace warroom::http {

bool Flattens(const Response& res) { return !res.chunked(); }

std::string FlatResponse(const Response& res) {
  std::string out;
  std::size_t size = 32 + res.body().size();
  for (const auto& f : res) size += f.name_string().size() + f.value().size() + 4;
  out.reserve(size);
  const unsigned version = res.version();
  out += "HTTP/";
  out += static_cast<char>('0' + version / 10 % 10);
  out += '.';
  out += static_cast<char>('0' + version % 10);
  out += ' ';
  out += std::to_string(res.result_int());
  out += ' ';
  std::string_view reason = res.reason();
  if (reason.empty()) reason = beast_http::obsolete_reason(res.result());
  out += reason;
  out += "\r\n";
  for (const auto& f : res) {
    out += f.name_string();
    out += ": ";
    out += f.value();
    out += "\r\n";
  }
  out += "\r\n";
  out += res.body();
  return out;
}

}  // namespace warroom::http
