#include "crypto/sha256.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <memory>

namespace warroom::crypto {

namespace {

// Fetched once: an implicit fetch on every digest costs as much as the digest.
const EVP_MD* Algorithm() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

struct CtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

}  // namespace

std::array<unsigned char, 32> Sha256(std::string_view data) {
  std::array<unsigned char, 32> out{};
  // One context per thread, reused: the server's network threads each take
  // digests concurrently.
  thread_local std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
  unsigned int n = 0;
  const EVP_MD* md = Algorithm();
  if (md && ctx && EVP_DigestInit_ex(ctx.get(), md, nullptr) == 1 &&
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) == 1 &&
      EVP_DigestFinal_ex(ctx.get(), out.data(), &n) == 1 && n == out.size())
    return out;
  // OpenSSL without SHA-256 (a FIPS configuration that refuses it): the same
  // digest from libsodium.
  crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return out;
}

}  // namespace warroom::crypto
