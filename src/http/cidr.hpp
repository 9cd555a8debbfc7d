#pragma once

#include <array>
#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace warroom::http {

// An address as 16 bytes, IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d), so
// 127.0.0.1 and ::ffff:127.0.0.1 (a dual-stack listener's view of it) are one
// client and one range covers both.
using AddressBytes = std::array<std::uint8_t, 16>;
AddressBytes ToBytes(const boost::asio::ip::address& a);
// The address in its usual text form (IPv4-mapped shown as IPv4).
std::string AddressText(const boost::asio::ip::address& a);

// A network: "10.0.0.0/8", "127.0.0.1/32", "::1/128", "fd00::/8"; an address
// alone is the one host.
struct Cidr {
  AddressBytes network{};
  int prefix = 128;  // in bits of the 16-byte form
  bool Contains(const AddressBytes& a) const;
};
Result<Cidr> ParseCidr(std::string_view text);

// The trusted proxies (`--trusted-proxy`, repeatable).
class CidrSet {
 public:
  CidrSet() = default;
  explicit CidrSet(std::vector<Cidr> nets) : nets_(std::move(nets)) {}
  bool Contains(const AddressBytes& a) const;
  bool empty() const { return nets_.empty(); }

 private:
  std::vector<Cidr> nets_;
};

}  // namespace warroom::http
