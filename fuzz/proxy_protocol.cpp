// The PROXY protocol header (versions 1 and 2) a trusted proxy sends first:
// any bytes give one of the four answers, never a crash; a whole header is
// no longer than the bytes and the bound, and every prefix of a good header
// is "read more", never "invalid" (the server reads it in pieces).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "http/proxy_protocol.hpp"

using namespace warroom;
using http::ProxyHeader;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ProxyHeader h = http::ParseProxyHeader(bytes);
  switch (h.status) {
    case ProxyHeader::Status::kOk:
      FUZZ_CHECK(h.length > 0 && h.length <= bytes.size());
      FUZZ_CHECK(h.length <= http::kMaxProxyHeaderBytes);
      FUZZ_CHECK(http::LooksLikeProxyHeader(bytes));
      // The header alone says the same; so does every prefix, less.
      FUZZ_CHECK(http::ParseProxyHeader(bytes.substr(0, h.length)).status ==
                 ProxyHeader::Status::kOk);
      for (std::size_t n = 0; n < h.length; ++n) {
        auto s = http::ParseProxyHeader(bytes.substr(0, n)).status;
        FUZZ_CHECK(s == ProxyHeader::Status::kNeedMore);
      }
      break;
    case ProxyHeader::Status::kInvalid:
      FUZZ_CHECK(!h.error.empty());
      break;
    case ProxyHeader::Status::kNeedMore:
      FUZZ_CHECK(bytes.size() < http::kMaxProxyHeaderBytes);
      break;
    case ProxyHeader::Status::kNotProxy:
      break;
  }
  return 0;
}
