#include "http/forwarded.hpp"

#include <gtest/gtest.h>

namespace warroom::http {
namespace {

namespace ip = boost::asio::ip;

std::string Client(std::string_view xff, const char* peer, const CidrSet& trusted) {
  return AddressText(ForwardedClient(xff, ip::make_address(peer), trusted));
}

CidrSet Proxies() { return CidrSet({*ParseCidr("127.0.0.1/32"), *ParseCidr("10.0.0.0/8")}); }

TEST(ForwardedClient, TheRightmostUntrustedHopIsTheClient) {
  // nginx appends the address it saw: the client's own claims are to the left.
  EXPECT_EQ(Client("203.0.113.7", "127.0.0.1", Proxies()), "203.0.113.7");
  EXPECT_EQ(Client("6.6.6.6, 203.0.113.7", "127.0.0.1", Proxies()), "203.0.113.7");
  // Through two of our proxies.
  EXPECT_EQ(Client("6.6.6.6, 203.0.113.7, 10.1.1.1", "127.0.0.1", Proxies()), "203.0.113.7");
  EXPECT_EQ(Client(" 203.0.113.7 ,\t10.1.1.1 ", "127.0.0.1", Proxies()), "203.0.113.7");
}

TEST(ForwardedClient, AClientCannotPickItsAddressByForgingTheLeftEnd) {
  // The client sent "X-Forwarded-For: 10.9.9.9" (trusted-looking); nginx
  // appended its real address.
  EXPECT_EQ(Client("10.9.9.9, 198.51.100.4", "127.0.0.1", Proxies()), "198.51.100.4");
}

TEST(ForwardedClient, EveryHopTrustedMeansTheLeftmost) {
  EXPECT_EQ(Client("10.0.0.5, 10.0.0.6", "127.0.0.1", Proxies()), "10.0.0.5");
}

TEST(ForwardedClient, GarbageEndsTheWalkAtTheHopThatAppendedIt) {
  EXPECT_EQ(Client("unknown", "127.0.0.1", Proxies()), "127.0.0.1");
  EXPECT_EQ(Client("203.0.113.7, nonsense, 10.0.0.2", "127.0.0.1", Proxies()), "10.0.0.2");
  EXPECT_EQ(Client("", "127.0.0.1", Proxies()), "127.0.0.1");
  EXPECT_EQ(Client(",, 203.0.113.7,", "127.0.0.1", Proxies()), "203.0.113.7");
}

TEST(ForwardedClient, PortsAndBracketsAndIPv6) {
  EXPECT_EQ(Client("203.0.113.7:5000", "127.0.0.1", Proxies()), "203.0.113.7");
  EXPECT_EQ(Client("[2001:db8::1]:443", "127.0.0.1", Proxies()), "2001:db8::1");
  EXPECT_EQ(Client("2001:db8::1", "127.0.0.1", Proxies()), "2001:db8::1");
  ip::address a;
  EXPECT_FALSE(ParseForwardedHop("[2001:db8::1", a));
  EXPECT_FALSE(ParseForwardedHop(std::string(100, '1'), a));
}

}  // namespace
}  // namespace warroom::http
