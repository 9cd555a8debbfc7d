#include "http/cidr.hpp"

#include <gtest/gtest.h>

namespace warroom::http {
namespace {

AddressBytes A(const char* s) { return ToBytes(boost::asio::ip::make_address(s)); }

TEST(Cidr, IPv4Networks) {
  auto c = ParseCidr("10.1.0.0/16");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->Contains(A("10.1.2.3")));
  EXPECT_TRUE(c->Contains(A("10.1.255.255")));
  EXPECT_FALSE(c->Contains(A("10.2.0.1")));
  // A dual-stack listener sees IPv4 clients as IPv4-mapped IPv6.
  EXPECT_TRUE(c->Contains(A("::ffff:10.1.9.9")));
  EXPECT_FALSE(c->Contains(A("::1")));
  auto host = ParseCidr("127.0.0.1");
  ASSERT_TRUE(host.ok());
  EXPECT_TRUE(host->Contains(A("127.0.0.1")));
  EXPECT_FALSE(host->Contains(A("127.0.0.2")));
  auto odd = ParseCidr("192.168.1.128/25");
  ASSERT_TRUE(odd.ok());
  EXPECT_TRUE(odd->Contains(A("192.168.1.200")));
  EXPECT_FALSE(odd->Contains(A("192.168.1.127")));
  auto all = ParseCidr("0.0.0.0/0");
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->Contains(A("8.8.8.8")));
  EXPECT_FALSE(all->Contains(A("2001:db8::1")));  // all of IPv4, not IPv6
}

TEST(Cidr, IPv6Networks) {
  auto c = ParseCidr("fd00::/8");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->Contains(A("fd12:3456::1")));
  EXPECT_FALSE(c->Contains(A("fe80::1")));
  auto one = ParseCidr("::1/128");
  ASSERT_TRUE(one.ok());
  EXPECT_TRUE(one->Contains(A("::1")));
  EXPECT_FALSE(one->Contains(A("::2")));
}

TEST(Cidr, BadNetworksAreRefusedWithTheReason) {
  for (const char* bad : {"", "nginx", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "::1/129",
                          "10.0.0.0/-1", "1.2.3.4/8/9"}) {
    auto c = ParseCidr(bad);
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_NE(c.error().message.find("10.0.0.0/8"), std::string::npos) << c.error().message;
  }
}

TEST(CidrSet, AnyNetworkMatches) {
  CidrSet set({*ParseCidr("127.0.0.1/32"), *ParseCidr("fd00::/8")});
  EXPECT_TRUE(set.Contains(A("127.0.0.1")));
  EXPECT_TRUE(set.Contains(A("fd00::5")));
  EXPECT_FALSE(set.Contains(A("127.0.0.2")));
  EXPECT_FALSE(CidrSet().Contains(A("127.0.0.1")));
}

TEST(AddressText, MappedIPv4IsShownAsIPv4) {
  EXPECT_EQ(AddressText(boost::asio::ip::make_address("::ffff:127.0.0.2")), "127.0.0.2");
  EXPECT_EQ(AddressText(boost::asio::ip::make_address("::1")), "::1");
}

}  // namespace
}  // namespace warroom::http
