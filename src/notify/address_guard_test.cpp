#include "notify/address_guard.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

namespace warroom::notify {
namespace {

// The refusal for a textual address (IPv4 or IPv6).
std::optional<std::string> RefusalOf(const AddressGuard& g, const std::string& text) {
  sockaddr_in v4{};
  sockaddr_in6 v6{};
  if (inet_pton(AF_INET, text.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    return g.Refusal(reinterpret_cast<sockaddr*>(&v4));
  }
  EXPECT_EQ(inet_pton(AF_INET6, text.c_str(), &v6.sin6_addr), 1) << text;
  v6.sin6_family = AF_INET6;
  return g.Refusal(reinterpret_cast<sockaddr*>(&v6));
}

TEST(AddressGuard, RefusesTheHostItsNetworksAndMetadataServices) {
  AddressGuard g;
  for (const char* a :
       {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1", "fd00::1",
        "::ffff:127.0.0.1", "::ffff:169.254.169.254"})
    EXPECT_TRUE(RefusalOf(g, a)) << a;
  EXPECT_NE(RefusalOf(g, "169.254.169.254")->find("link-local"), std::string::npos);
  EXPECT_NE(RefusalOf(g, "127.0.0.1")->find("loopback"), std::string::npos);
  for (const char* a : {"93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111"})
    EXPECT_FALSE(RefusalOf(g, a)) << a;
}

TEST(AddressGuard, AllowsOnlyTheRangesItIsGiven) {
  auto g = AddressGuard::Make({"127.0.0.1", "10.0.0.0/8"});
  ASSERT_TRUE(g.ok());
  EXPECT_FALSE(RefusalOf(*g, "127.0.0.1"));
  EXPECT_FALSE(RefusalOf(*g, "10.200.0.1"));
  EXPECT_FALSE(RefusalOf(*g, "::ffff:127.0.0.1"));
  EXPECT_TRUE(RefusalOf(*g, "127.0.0.2"));
  EXPECT_TRUE(RefusalOf(*g, "169.254.169.254"));
  EXPECT_TRUE(RefusalOf(*g, "::1"));
}

TEST(AddressGuard, ABadRangeIsRefusedWithWhatItShouldLookLike) {
  for (const char* bad : {"localhost", "10.0.0.0/33", "::1/129", "10.0.0.0/x", ""}) {
    auto g = AddressGuard::Make({bad});
    ASSERT_FALSE(g.ok()) << bad;
    EXPECT_NE(g.error().message.find("CIDR"), std::string::npos);
  }
}

}  // namespace
}  // namespace warroom::notify
