#include "http/forwarded.hpp"

#include <string>

namespace warroom::http {

namespace ip = boost::asio::ip;

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool ParseForwardedHop(std::string_view entry, ip::address& out) {
  entry = Trim(entry);
  if (entry.empty() || entry.size() > 64) return false;
  if (entry.front() == '[') {  // [v6] or [v6]:port
    auto close = entry.find(']');
    if (close == std::string_view::npos) return false;
    entry = entry.substr(1, close - 1);
  } else if (entry.find(':') != std::string_view::npos &&
             entry.find(':') == entry.rfind(':')) {  // v4:port (one colon: not IPv6)
    entry = entry.substr(0, entry.find(':'));
  }
  boost::system::error_code ec;
  out = ip::make_address(std::string(entry), ec);
  return !ec;
}

ip::address ForwardedClient(std::string_view forwarded_for, const ip::address& peer,
                            const CidrSet& trusted) {
  ip::address client = peer;
  while (!forwarded_for.empty()) {
    auto comma = forwarded_for.rfind(',');
    std::string_view entry =
        comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1);
    forwarded_for =
        comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    if (Trim(entry).empty()) continue;  // "a,,b": an empty element is no hop
    ip::address hop;
    if (!ParseForwardedHop(entry, hop)) return client;
    client = hop;
    if (!trusted.Contains(ToBytes(hop))) return client;
  }
  return client;
}

}  // namespace warroom::http
