#include "crypto/sha256.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <thread>

namespace warroom::crypto {
namespace {

std::string Hex(const std::array<unsigned char, 32>& d) {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (unsigned char c : d) {
    s += kHex[c >> 4];
    s += kHex[c & 15];
  }
  return s;
}

TEST(Sha256, GivesTheStandardsDigests) {
  // FIPS 180-2's examples.
  EXPECT_EQ(Hex(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Hex(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Hex(Sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

// Digests already stored (integration keys, API tokens) were taken with
// libsodium: every length around the block size gives the same digest.
TEST(Sha256, IsTheDigestLibsodiumGave) {
  ASSERT_GE(sodium_init(), 0);
  std::string data;
  for (int n = 0; n < 300; ++n) {
    std::array<unsigned char, 32> theirs{};
    crypto_hash_sha256(theirs.data(), reinterpret_cast<const unsigned char*>(data.data()),
                       data.size());
    EXPECT_EQ(Sha256(data), theirs) << n;
    data += static_cast<char>(n * 7 + 1);
  }
}

TEST(Sha256, GivesTheSameDigestOnEveryThread) {
  std::array<unsigned char, 32> here = Sha256("wri_0123");
  std::array<unsigned char, 32> there{};
  std::thread([&] { there = Sha256("wri_0123"); }).join();
  EXPECT_EQ(here, there);
}

}  // namespace
}  // namespace warroom::crypto
