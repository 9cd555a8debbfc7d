#include "http/proxy_protocol.hpp"

#include <array>
#include <charconv>
#include <vector>

namespace warroom::http {

namespace ip = boost::asio::ip;
using Status = ProxyHeader::Status;

namespace {

constexpr std::string_view kV1 = "PROXY ";
constexpr std::string_view kV2{"\r\n\r\n\0\r\nQUIT\n", 12};
constexpr std::size_t kMaxV1 = 107;

ProxyHeader Invalid(std::string why) {
  ProxyHeader h;
  h.status = Status::kInvalid;
  h.error = std::move(why);
  return h;
}

// Whether `bytes` and `magic` agree on their common prefix.
bool Prefix(std::string_view bytes, std::string_view magic) {
  std::size_t n = std::min(bytes.size(), magic.size());
  return bytes.substr(0, n) == magic.substr(0, n);
}

std::vector<std::string_view> Split(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    auto sp = s.find(' ');
    out.push_back(s.substr(0, sp));
    if (sp == std::string_view::npos) break;
    s.remove_prefix(sp + 1);
  }
  return out;
}

bool Port(std::string_view s) {
  unsigned v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty() && v <= 65535 &&
         (s.size() == 1 || s[0] != '0');
}

ProxyHeader ParseV1(std::string_view bytes) {
  auto end = bytes.find("\r\n");
  if (end == std::string_view::npos) {
    if (bytes.size() >= kMaxV1) return Invalid("a PROXY line longer than 107 bytes");
    return {};
  }
  if (end + 2 > kMaxV1) return Invalid("a PROXY line longer than 107 bytes");
  ProxyHeader h;
  h.status = Status::kOk;
  h.length = end + 2;
  auto f = Split(bytes.substr(kV1.size(), end - kV1.size()));
  if (!f.empty() && f[0] == "UNKNOWN") return h;  // the proxy does not know: the peer is the client
  if (f.size() != 5 || (f[0] != "TCP4" && f[0] != "TCP6"))
    return Invalid("a PROXY line must be 'PROXY TCP4|TCP6 SRC DST SPORT DPORT'");
  boost::system::error_code ec1, ec2;
  auto src = ip::make_address(std::string(f[1]), ec1);
  auto dst = ip::make_address(std::string(f[2]), ec2);
  if (ec1 || ec2 || src.is_v4() != (f[0] == "TCP4") || dst.is_v4() != (f[0] == "TCP4"))
    return Invalid("a PROXY line with an address that is not " + std::string(f[0]));
  if (!Port(f[3]) || !Port(f[4])) return Invalid("a PROXY line with a bad port");
  h.source = src;
  return h;
}

ProxyHeader ParseV2(std::string_view bytes) {
  if (bytes.size() < 16) return {};
  auto b = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  if ((b(12) >> 4) != 2) return Invalid("a PROXY v2 header of another version");
  std::size_t len = (static_cast<std::size_t>(b(14)) << 8) | b(15);
  if (16 + len > kMaxProxyHeaderBytes) return Invalid("a PROXY v2 header over 536 bytes");
  if (bytes.size() < 16 + len) return {};
  ProxyHeader h;
  h.status = Status::kOk;
  h.length = 16 + len;
  unsigned command = b(12) & 0x0F;
  if (command == 0) return h;  // LOCAL: the proxy's own connection
  if (command != 1) return Invalid("a PROXY v2 header with an unknown command");
  unsigned family = b(13) >> 4;
  if (family == 1) {  // AF_INET: src, dst, sport, dport
    if (len < 12) return Invalid("a PROXY v2 IPv4 header too short for its addresses");
    ip::address_v4::bytes_type a;
    for (std::size_t i = 0; i < 4; ++i) a[i] = b(16 + i);
    h.source = ip::address_v4(a);
  } else if (family == 2) {  // AF_INET6
    if (len < 36) return Invalid("a PROXY v2 IPv6 header too short for its addresses");
    ip::address_v6::bytes_type a;
    for (std::size_t i = 0; i < 16; ++i) a[i] = b(16 + i);
    h.source = ip::address_v6(a);
  }
  // AF_UNSPEC and AF_UNIX carry no address of a client: the peer stands.
  return h;
}

}  // namespace

ProxyHeader ParseProxyHeader(std::string_view bytes) {
  if (bytes.empty()) return {};
  if (Prefix(bytes, kV1)) return bytes.size() < kV1.size() ? ProxyHeader{} : ParseV1(bytes);
  if (Prefix(bytes, kV2)) return bytes.size() < kV2.size() ? ProxyHeader{} : ParseV2(bytes);
  ProxyHeader h;
  h.status = Status::kNotProxy;
  return h;
}

bool LooksLikeProxyHeader(std::string_view bytes) {
  return bytes.starts_with(kV1) || bytes.starts_with(kV2);
}

}  // namespace warroom::http
