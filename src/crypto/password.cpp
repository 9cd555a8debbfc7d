#include "crypto/password.hpp"

#include <sodium.h>

#include <stdexcept>

namespace warroom::crypto {
namespace {

void Init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

PasswordCost PasswordCost::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::Least() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost) {
  Init();
  char out[crypto_pwhash_STRBYTES];
  // crypto_pwhash_str is argon2id (libsodium >= 1.0.15), the PHC format.
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.passes, cost.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Error::ResourceExhausted(
        "hashing the password needed more memory than the server could have");
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& stored) {
  Init();
  if (stored.size() >= crypto_pwhash_STRBYTES ||
      stored.rfind(crypto_pwhash_argon2id_STRPREFIX, 0) != 0)
    return false;
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(const std::string& stored, const PasswordCost& cost) {
  Init();
  if (stored.size() >= crypto_pwhash_STRBYTES) return true;
  return crypto_pwhash_str_needs_rehash(stored.c_str(), cost.passes, cost.memory_bytes) != 0;
}

}  // namespace warroom::crypto
