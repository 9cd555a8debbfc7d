// The small readers of the HTTP edge, chosen by the first byte: CIDR ranges
// (`--trusted-proxy`), X-Forwarded-For (an entry, and a whole header behind
// trusted proxies), and the UTF-8 sanitiser of echoed text. Beyond "no
// crash": a parsed range contains its own network, a forwarded client is one
// of the header's entries or the peer, and the sanitiser's output is valid
// UTF-8 within its bound.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "http/cidr.hpp"
#include "http/forwarded.hpp"
#include "http/utf8.hpp"

using namespace warroom;
namespace ip = boost::asio::ip;

namespace {

// A strict UTF-8 check, written apart from the sanitiser it checks.
bool ValidUtf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d >> 6) != 2) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0: {
      std::string text = in.ConsumeRemainingBytesAsString();
      auto c = http::ParseCidr(text);
      if (c.ok()) {
        FUZZ_CHECK(c->prefix >= 0 && c->prefix <= 128);
        FUZZ_CHECK(c->Contains(c->network));
      } else {
        FUZZ_CHECK(!c.error().message.empty());
      }
      break;
    }
    case 1: {
      std::string entry = in.ConsumeRemainingBytesAsString();
      ip::address a;
      // An entry read as an address is that address written back.
      if (http::ParseForwardedHop(entry, a)) {
        ip::address b;
        FUZZ_CHECK(http::ParseForwardedHop(a.to_string(), b) && b == a);
      }
      break;
    }
    case 2: {
      // Trusted: 10.0.0.0/8 and fd00::/8; the peer is a trusted proxy.
      static const http::CidrSet kTrusted(
          {*http::ParseCidr("10.0.0.0/8"), *http::ParseCidr("fd00::/8")});
      const ip::address peer = ip::make_address("10.0.0.1");
      std::string header = in.ConsumeRemainingBytesAsString();
      ip::address client = http::ForwardedClient(header, peer, kTrusted);
      if (client != peer) {
        // The client is written in the header.
        bool found = false;
        std::size_t start = 0;
        while (start <= header.size() && !found) {
          std::size_t comma = header.find(',', start);
          std::string_view entry(header.data() + start,
                                 (comma == std::string::npos ? header.size() : comma) - start);
          ip::address a;
          while (!entry.empty() && (entry.front() == ' ' || entry.front() == '\t'))
            entry.remove_prefix(1);
          while (!entry.empty() && (entry.back() == ' ' || entry.back() == '\t'))
            entry.remove_suffix(1);
          if (http::ParseForwardedHop(entry, a) && http::ToBytes(a) == http::ToBytes(client))
            found = true;
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
        FUZZ_CHECK(found);
      }
      break;
    }
    default: {
      std::size_t max = in.ConsumeIntegralInRange<std::size_t>(0, 4096);
      std::string text = in.ConsumeRemainingBytesAsString();
      std::string out = http::SanitizeUtf8(text, max);
      FUZZ_CHECK(ValidUtf8(out));
      FUZZ_CHECK(out.size() <= max + 3);  // "…" is 3 bytes
      if (text.size() <= max && ValidUtf8(text)) FUZZ_CHECK(out == text);
      break;
    }
  }
  return 0;
}
