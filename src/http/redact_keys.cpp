#include "http/redact_keys.hpp"

namespace warroom::http {

std::string RedactKeys(std::string_view target) {
  std::string out(target);
  for (std::size_t at = out.find("wri_"); at != std::string::npos; at = out.find("wri_", at + 4)) {
    std::size_t end = out.find_first_of("/?#&", at);
    out.replace(at, (end == std::string::npos ? out.size() : end) - at, "wri_(redacted)");
  }
  return out;
}

}  // namespace warroom::http
