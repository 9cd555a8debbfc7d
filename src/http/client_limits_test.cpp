#include "http/client_limits.hpp"

#include <gtest/gtest.h>

namespace warroom::http {
namespace {

using namespace std::chrono_literals;
using Clock = ClientTable::Clock;

AddressBytes A(const char* s) { return ToBytes(boost::asio::ip::make_address(s)); }

TEST(ClientTable, ConnectionsAreBoundedPerClient) {
  ClientBounds b;
  b.max_connections_per_client = 2;
  ClientTable t(b);
  EXPECT_TRUE(t.Connect(A("127.0.0.1")));
  EXPECT_TRUE(t.Connect(A("127.0.0.1")));
  EXPECT_FALSE(t.Connect(A("127.0.0.1")));
  EXPECT_FALSE(t.Connect(A("::ffff:127.0.0.1")));  // the same client
  EXPECT_TRUE(t.Connect(A("127.0.0.2")));          // another one is not affected
  t.Disconnect(A("127.0.0.1"));
  EXPECT_TRUE(t.Connect(A("127.0.0.1")));
  t.Disconnect(A("127.0.0.1"));
  t.Disconnect(A("127.0.0.1"));
  t.Disconnect(A("127.0.0.2"));
  EXPECT_EQ(t.size(), 0u) << "clients without connections are forgotten";
}

TEST(ClientTable, RequestsAreBoundedPerClientWithABurst) {
  ClientBounds b;
  b.requests_per_second_per_client = 5;  // a burst of 10
  ClientTable t(b);
  Clock::time_point now = Clock::now();
  for (int i = 0; i < 10; ++i) ASSERT_EQ(t.Request(A("10.0.0.1"), now), Clock::duration::zero());
  auto wait = t.Request(A("10.0.0.1"), now);
  EXPECT_GT(wait, 150ms);
  EXPECT_LE(wait, 200ms);
  EXPECT_EQ(t.Request(A("10.0.0.2"), now), Clock::duration::zero());
  EXPECT_EQ(t.Request(A("10.0.0.1"), now + 200ms), Clock::duration::zero());
}

TEST(ClientTable, ZeroTurnsABoundOff) {
  ClientBounds b;
  b.max_connections_per_client = 0;
  b.requests_per_second_per_client = 0;
  ClientTable t(b);
  for (int i = 0; i < 1000; ++i) {
    ASSERT_TRUE(t.Connect(A("127.0.0.1")));
    ASSERT_EQ(t.Request(A("127.0.0.1"), Clock::now()), Clock::duration::zero());
  }
  EXPECT_EQ(t.size(), 0u);
}

TEST(ClientTable, ManyPassingClientsDoNotGrowTheTableForever) {
  ClientBounds b;
  b.requests_per_second_per_client = 1000;
  ClientTable t(b);
  Clock::time_point now = Clock::now();
  for (int i = 0; i < 5000; ++i) {
    AddressBytes a{};
    a[0] = 0x20;
    a[14] = static_cast<std::uint8_t>(i >> 8);
    a[15] = static_cast<std::uint8_t>(i);
    // Each comes once, then the next comes a while later: buckets refill.
    t.Request(a, now + std::chrono::seconds(i));
  }
  EXPECT_LT(t.size(), 2100u);
}

}  // namespace
}  // namespace warroom::http
