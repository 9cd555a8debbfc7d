#include "engine/tokens.hpp"

#include <sodium.h>

#include <cctype>

#include "crypto/sha256.hpp"

namespace warroom::engine {

std::string NewTokenSecret(std::string_view prefix) {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  static const char* kHex = "0123456789abcdef";
  std::string s(prefix);
  for (unsigned char c : raw) {
    s.push_back(kHex[c >> 4]);
    s.push_back(kHex[c & 15]);
  }
  sodium_memzero(raw, sizeof raw);
  return s;
}

store::Hash TokenDigest(std::string_view token) { return crypto::Sha256(token); }

bool LooksLikeToken(std::string_view token, std::string_view prefix) {
  if (token.size() != prefix.size() + 64 || token.substr(0, prefix.size()) != prefix) return false;
  for (char c : token.substr(prefix.size()))
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string_view TokenState(const store::ApiToken& token, TimePoint now) {
  if (token.revoked_at) return "revoked";
  if (token.expires_at && now >= *token.expires_at) return "expired";
  return "active";
}

}  // namespace warroom::engine
