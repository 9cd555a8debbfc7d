#include "engine/message_renderer.hpp"

#include "crypto/sha256.hpp"

namespace warroom::engine {

std::string MessageDigest(const RenderedMessage& m) {
  std::string all;
  for (const std::string* part : {&m.template_name, &m.audience, &m.subject, &m.text}) {
    all += *part;
    all += '\0';  // "ab" + "c" and "a" + "bc" differ
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : crypto::Sha256(all)) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace warroom::engine
