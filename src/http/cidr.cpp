#include "http/cidr.hpp"

#include <charconv>

namespace warroom::http {

namespace ip = boost::asio::ip;

AddressBytes ToBytes(const ip::address& a) {
  if (a.is_v4()) return ip::make_address_v6(ip::v4_mapped, a.to_v4()).to_bytes();
  return a.to_v6().to_bytes();
}

std::string AddressText(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    return ip::make_address_v4(ip::v4_mapped, a.to_v6()).to_string();
  return a.to_string();
}

bool Cidr::Contains(const AddressBytes& a) const {
  int bits = prefix;
  for (std::size_t i = 0; i < a.size() && bits > 0; ++i, bits -= 8) {
    std::uint8_t mask = bits >= 8 ? 0xFF : static_cast<std::uint8_t>(0xFF << (8 - bits));
    if ((a[i] & mask) != (network[i] & mask)) return false;
  }
  return true;
}

Result<Cidr> ParseCidr(std::string_view text) {
  auto bad = [&](std::string why) {
    return Error::InvalidArgument("trusted proxy '" + std::string(text) + "' " + why +
                                  ": use an address or a network such as 10.0.0.0/8, "
                                  "127.0.0.1/32 or fd00::/8");
  };
  auto slash = text.find('/');
  std::string host(text.substr(0, slash));
  boost::system::error_code ec;
  ip::address addr = ip::make_address(host, ec);
  if (ec) return bad("is not an IP address");
  int max = addr.is_v4() ? 32 : 128;
  int prefix = max;
  if (slash != std::string_view::npos) {
    auto p = text.substr(slash + 1);
    auto [ptr, pec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
    if (pec != std::errc() || ptr != p.data() + p.size() || p.empty() || prefix < 0 || prefix > max)
      return bad("has a bad prefix length (0 to " + std::to_string(max) + ")");
  }
  Cidr c;
  c.network = ToBytes(addr);
  c.prefix = addr.is_v4() ? prefix + 96 : prefix;
  return c;
}

bool CidrSet::Contains(const AddressBytes& a) const {
  for (const Cidr& c : nets_)
    if (c.Contains(a)) return true;
  return false;
}

}  // namespace warroom::http
