#include "engine/message_renderer.hpp"

#include "crypto/sha256.hpp"
#include "store/event_chain.hpp"

namespace warroom::engine {

std::string MessageDigest(const RenderedMessage& m) {
  std::string all;
  for (const std::string* part :
       {&m.template_name, &m.audience, &m.subject, &m.text, &m.delivered_text}) {
    all += *part;
    all += '\0';  // "ab" + "c" and "a" + "bc" differ
  }
  return store::HexOf(crypto::Sha256(all));
}

}  // namespace warroom::engine
