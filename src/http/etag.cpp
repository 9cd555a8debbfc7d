#include "http/etag.hpp"

#include "crypto/sha256.hpp"
#include "store/event_chain.hpp"

namespace warroom::http {

bool NamesEtag(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view one = header.substr(0, comma);
    while (!one.empty() && (one.front() == ' ' || one.front() == '\t')) one.remove_prefix(1);
    while (!one.empty() && (one.back() == ' ' || one.back() == '\t')) one.remove_suffix(1);
    if (one.starts_with("W/")) one.remove_prefix(2);
    if (one == "*" || one == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

std::string EtagOf(std::string_view body) {
  return "\"" + store::HexOf(crypto::Sha256(body)).substr(0, 32) + "\"";
}

}  // namespace warroom::http
