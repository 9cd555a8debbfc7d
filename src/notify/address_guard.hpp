#pragma once

#include <optional>
#include <string>
#include <vector>

#include <sys/socket.h>

#include "base/result.hpp"

namespace warroom::notify {

// Which addresses an outbound request to a stranger's URL (a status-page
// subscriber's webhook) may connect to: public ones only, unless a range is
// allowed explicitly. Loopback, private (RFC 1918, unique local), link-local
// (where cloud metadata services answer: 169.254.169.254), carrier-grade
// NAT, unspecified, multicast and the documentation ranges are refused,
// IPv4-mapped IPv6 addresses as their IPv4 address.
class AddressGuard {
 public:
  // `allowed`: addresses or CIDR ranges ("127.0.0.1", "10.0.0.0/8", "::1").
  static Result<AddressGuard> Make(const std::vector<std::string>& allowed);
  AddressGuard() = default;

  // Why `addr` is refused ("127.0.0.1 is a loopback address"), or nullopt.
  std::optional<std::string> Refusal(const sockaddr* addr) const;
  // The textual form of an address.
  static std::string Text(const sockaddr* addr);

 private:
  struct Range {
    int family = 0;
    unsigned char bytes[16] = {};
    int prefix = 0;
  };
  static std::optional<Range> ParseRange(const std::string& s);
  static bool In(const Range& r, int family, const unsigned char* bytes);
  std::vector<Range> allowed_;
};

}  // namespace warroom::notify
