#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace warroom::crypto {

// How much work one password hash costs: argon2id's passes and memory.
// Stored inside each hash, so a hash made with other costs still verifies
// (and NeedsRehash says when to replace it at the next sign-in).
struct PasswordCost {
  unsigned long long passes;
  std::size_t memory_bytes;
  // libsodium's "interactive" costs (2 passes, 64 MiB): about 60-100 ms on
  // one core, the price of a sign-in and the attacker's price per guess.
  static PasswordCost Interactive();
  // The least libsodium accepts (1 pass, 8 KiB): for tests only.
  static PasswordCost Least();
};

// An argon2id hash of `password` in the PHC string format
// ($argon2id$v=19$m=...,t=...,p=1$salt$hash), with a fresh random salt.
// kResourceExhausted when the memory cannot be had.
Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost);

// Whether `password` matches `stored` (a HashPassword string). False for
// anything that is not such a string. Takes as long as hashing.
bool VerifyPassword(std::string_view password, const std::string& stored);

// Whether `stored` was made with other costs than `cost` (or is not a
// hash at all): to be replaced the next time its password is given.
bool NeedsRehash(const std::string& stored, const PasswordCost& cost);

}  // namespace warroom::crypto
