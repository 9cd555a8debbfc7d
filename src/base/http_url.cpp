#include "base/http_url.hpp"

#include <cctype>

namespace warroom {

std::string_view HttpUrlProblem(std::string_view url) {
  std::string_view rest;
  auto starts = [&](std::string_view scheme) {
    if (url.size() < scheme.size()) return false;
    for (std::size_t i = 0; i < scheme.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != scheme[i]) return false;
    rest = url.substr(scheme.size());
    return true;
  };
  if (!starts("http://") && !starts("https://")) return "is not an http(s) URL";
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7F) return "holds a space or a control character";
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = authority.rfind('@'); at != std::string_view::npos)
    authority = authority.substr(at + 1);
  std::string_view host = authority;
  if (!host.empty() && host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);  // an IPv6 literal
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (host.empty() || host == "[]") return "has no host";
  return {};
}

}  // namespace warroom
