#include "http/proxy_protocol.hpp"

#include <gtest/gtest.h>

namespace warroom::http {
namespace {

using Status = ProxyHeader::Status;

TEST(ProxyProtocolV1, TheClientAddressAndTheLength) {
  std::string line = "PROXY TCP4 203.0.113.7 127.0.0.1 51234 8080\r\n";
  auto h = ParseProxyHeader(line + "GET /healthz HTTP/1.1\r\n");
  ASSERT_EQ(h.status, Status::kOk) << h.error;
  EXPECT_EQ(h.length, line.size());
  ASSERT_TRUE(h.source);
  EXPECT_EQ(h.source->to_string(), "203.0.113.7");
  auto v6 = ParseProxyHeader("PROXY TCP6 2001:db8::1 ::1 1 443\r\n");
  ASSERT_EQ(v6.status, Status::kOk) << v6.error;
  EXPECT_EQ(v6.source->to_string(), "2001:db8::1");
  auto unknown = ParseProxyHeader("PROXY UNKNOWN\r\n");
  ASSERT_EQ(unknown.status, Status::kOk);
  EXPECT_FALSE(unknown.source);
}

TEST(ProxyProtocolV1, PrefixesNeedMoreAndHttpIsNotProxy) {
  EXPECT_EQ(ParseProxyHeader("").status, Status::kNeedMore);
  EXPECT_EQ(ParseProxyHeader("PRO").status, Status::kNeedMore);
  EXPECT_EQ(ParseProxyHeader("PROXY TCP4 1.2.3.4").status, Status::kNeedMore);
  EXPECT_EQ(ParseProxyHeader("GET / HTTP/1.1\r\n").status, Status::kNotProxy);
  EXPECT_EQ(ParseProxyHeader("P").status, Status::kNeedMore);
  EXPECT_EQ(ParseProxyHeader("POST /").status, Status::kNotProxy);
}

TEST(ProxyProtocolV1, MalformedLinesAreInvalid) {
  for (std::string bad :
       {"PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n", "PROXY TCP5 1.2.3.4 5.6.7.8 1 2\r\n",
        "PROXY TCP4 ::1 5.6.7.8 1 2\r\n", "PROXY TCP4 1.2.3.4 5.6.7.8 1 70000\r\n",
        "PROXY TCP4 1.2.3.4 5.6.7.8 01 2\r\n", "PROXY TCP4 nginx 5.6.7.8 1 2\r\n"}) {
    auto h = ParseProxyHeader(bad);
    EXPECT_EQ(h.status, Status::kInvalid) << bad;
    EXPECT_FALSE(h.error.empty());
  }
  EXPECT_EQ(ParseProxyHeader("PROXY " + std::string(200, 'x')).status, Status::kInvalid);
}

std::string V2(unsigned char command, unsigned char family, std::string addresses) {
  std::string h("\r\n\r\n\0\r\nQUIT\n", 12);
  h += static_cast<char>(0x20 | command);
  h += static_cast<char>(family);
  h += static_cast<char>(addresses.size() >> 8);
  h += static_cast<char>(addresses.size() & 0xFF);
  return h + addresses;
}

TEST(ProxyProtocolV2, IPv4AndIPv6AndLocal) {
  std::string v4 = V2(1, 0x11, std::string("\xCB\x00\x71\x07\x7F\x00\x00\x01\x00\x50\x1F\x90", 12));
  auto h = ParseProxyHeader(v4 + "GET");
  ASSERT_EQ(h.status, Status::kOk) << h.error;
  EXPECT_EQ(h.length, v4.size());
  EXPECT_EQ(h.source->to_string(), "203.0.113.7");
  std::string a6(36, '\0');
  a6[0] = '\x20';
  a6[1] = '\x01';
  a6[15] = '\x01';
  auto h6 = ParseProxyHeader(V2(1, 0x21, a6));
  ASSERT_EQ(h6.status, Status::kOk) << h6.error;
  EXPECT_EQ(h6.source->to_string(), "2001::1");
  auto local = ParseProxyHeader(V2(0, 0x00, ""));
  ASSERT_EQ(local.status, Status::kOk);
  EXPECT_FALSE(local.source);
  EXPECT_EQ(ParseProxyHeader(v4.substr(0, 14)).status, Status::kNeedMore);
  EXPECT_EQ(ParseProxyHeader(v4.substr(0, 20)).status, Status::kNeedMore);
  EXPECT_EQ(ParseProxyHeader(V2(1, 0x11, "abc")).status, Status::kInvalid);
  EXPECT_EQ(ParseProxyHeader(V2(1, 0x11, std::string(600, 'x'))).status, Status::kInvalid);
  EXPECT_TRUE(LooksLikeProxyHeader(v4));
  EXPECT_TRUE(LooksLikeProxyHeader("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\n"));
  EXPECT_FALSE(LooksLikeProxyHeader("GET / HTTP/1.1"));
}

}  // namespace
}  // namespace warroom::http
