#pragma once

#include <boost/asio/ip/address.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace warroom::http {

// The PROXY protocol (HAProxy's, versions 1 and 2), which a trusted proxy such
// as nginx (`proxy_protocol on;`) sends before the request to say whose
// connection it relays. Pure: bytes in, what they say out.
struct ProxyHeader {
  enum class Status {
    kNeedMore,  // a prefix of a PROXY header: read more
    kNotProxy,  // the bytes do not start with one (plain HTTP)
    kInvalid,   // it starts as one but is malformed (`error` says how)
    kOk,        // a whole header of `length` bytes
  };
  Status status = Status::kNeedMore;
  std::size_t length = 0;
  // The client's address; none for "PROXY UNKNOWN" and version 2's LOCAL (a
  // health check from the proxy itself): the peer is then the client.
  std::optional<boost::asio::ip::address> source;
  std::string error;
};

// Version 1 lines are at most 107 bytes; version 2 headers are bounded here.
inline constexpr std::size_t kMaxProxyHeaderBytes = 536;

ProxyHeader ParseProxyHeader(std::string_view bytes);

// True when `bytes` start like a PROXY header of either version (for a clear
// refusal when an untrusted peer sends one).
bool LooksLikeProxyHeader(std::string_view bytes);

}  // namespace warroom::http
