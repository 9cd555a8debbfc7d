#include "notify/address_guard.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

namespace warroom::notify {

namespace {

struct Blocked {
  const char* range;
  const char* why;
};

// What no webhook reaches unless allowed: the host itself, the private
// networks behind it, and addresses that are never a public server.
constexpr Blocked kBlocked[] = {
    {"0.0.0.0/8", "an unspecified address"},
    {"127.0.0.0/8", "a loopback address"},
    {"10.0.0.0/8", "a private address"},
    {"172.16.0.0/12", "a private address"},
    {"192.168.0.0/16", "a private address"},
    {"100.64.0.0/10", "a carrier-grade NAT address"},
    {"169.254.0.0/16", "a link-local address (cloud metadata services answer there)"},
    {"192.0.0.0/24", "a reserved address"},
    {"192.0.2.0/24", "a documentation address"},
    {"198.18.0.0/15", "a benchmarking address"},
    {"198.51.100.0/24", "a documentation address"},
    {"203.0.113.0/24", "a documentation address"},
    {"224.0.0.0/4", "a multicast address"},
    {"240.0.0.0/4", "a reserved address"},
    {"::/128", "an unspecified address"},
    {"::1/128", "a loopback address"},
    {"fc00::/7", "a private (unique local) address"},
    {"fe80::/10", "a link-local address"},
    {"ff00::/8", "a multicast address"},
    {"2001:db8::/32", "a documentation address"},
    {"64:ff9b::/96", "a NAT64 address"},
};

}  // namespace

std::optional<AddressGuard::Range> AddressGuard::ParseRange(const std::string& s) {
  Range r;
  std::string addr = s;
  int prefix = -1;
  if (auto slash = s.find('/'); slash != std::string::npos) {
    addr = s.substr(0, slash);
    try {
      std::size_t used = 0;
      prefix = std::stoi(s.substr(slash + 1), &used);
      if (used != s.size() - slash - 1) return std::nullopt;
    } catch (...) {
      return std::nullopt;
    }
  }
  if (inet_pton(AF_INET, addr.c_str(), r.bytes) == 1) {
    r.family = AF_INET;
    if (prefix < 0) prefix = 32;
    if (prefix > 32) return std::nullopt;
  } else if (inet_pton(AF_INET6, addr.c_str(), r.bytes) == 1) {
    r.family = AF_INET6;
    if (prefix < 0) prefix = 128;
    if (prefix > 128) return std::nullopt;
  } else {
    return std::nullopt;
  }
  r.prefix = prefix;
  return r;
}

bool AddressGuard::In(const Range& r, int family, const unsigned char* bytes) {
  if (r.family != family) return false;
  int full = r.prefix / 8, rest = r.prefix % 8;
  if (std::memcmp(r.bytes, bytes, static_cast<std::size_t>(full)) != 0) return false;
  if (rest == 0) return true;
  unsigned char mask = static_cast<unsigned char>(0xff << (8 - rest));
  return (r.bytes[full] & mask) == (bytes[full] & mask);
}

Result<AddressGuard> AddressGuard::Make(const std::vector<std::string>& allowed) {
  AddressGuard g;
  for (const std::string& a : allowed) {
    auto r = ParseRange(a);
    if (!r)
      return Error::InvalidArgument("'" + a +
                                    "' is not an address or CIDR range (like 10.0.0.0/8 or ::1)");
    g.allowed_.push_back(*r);
  }
  return g;
}

std::string AddressGuard::Text(const sockaddr* addr) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (addr->sa_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(addr)->sin_addr, buf, sizeof buf);
  else if (addr->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr, buf, sizeof buf);
  return buf;
}

std::optional<std::string> AddressGuard::Refusal(const sockaddr* addr) const {
  int family = addr->sa_family;
  unsigned char bytes[16] = {};
  if (family == AF_INET) {
    std::memcpy(bytes, &reinterpret_cast<const sockaddr_in*>(addr)->sin_addr, 4);
  } else if (family == AF_INET6) {
    std::memcpy(bytes, &reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr, 16);
    // ::ffff:a.b.c.d is a.b.c.d.
    static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(bytes, kMapped, 12) == 0) {
      std::memmove(bytes, bytes + 12, 4);
      family = AF_INET;
    }
  } else {
    return "not an internet address";
  }
  for (const Range& r : allowed_)
    if (In(r, family, bytes)) return std::nullopt;
  for (const Blocked& b : kBlocked) {
    auto r = ParseRange(b.range);
    if (r && In(*r, family, bytes)) return Text(addr) + " is " + b.why;
  }
  return std::nullopt;
}

}  // namespace warroom::notify
