#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>

#include "base/result.hpp"
#include "store/records.hpp"

namespace warroom::store {

// Every chain head at one point of the log: incident id -> (seq, hash).
using ChainHeads = std::map<std::string, std::pair<std::int64_t, Hash>>;

// SHA-256 over the global sequence and the sorted heads, each
// length-prefixed (docs/event-format.md).
Hash HeadsDigest(std::int64_t global_seq, const ChainHeads& heads);

struct Checkpoint {
  std::int64_t id = 0;
  std::int64_t global_seq = 0;
  TimePoint created_at;
  Hash heads_digest{};
  std::array<unsigned char, 32> public_key{};
  std::array<unsigned char, 64> signature{};
};

// The message a checkpoint signs.
std::string CheckpointMessage(std::int64_t global_seq, TimePoint created_at, const Hash& digest);

// An Ed25519 key kept in a file outside the database: 32 random bytes (the
// seed) as 64 hex digits, mode 0600.
class SigningKey {
 public:
  // Reads the key file, creating it (with a new random key) when absent.
  static Result<SigningKey> LoadOrCreate(const std::string& path);
  // Reads a key file or a public key file (64 hex digits of the public key
  // after "public:"), for verification only.
  static Result<SigningKey> LoadForVerify(const std::string& path);

  const std::array<unsigned char, 32>& public_key() const { return pk_; }
  bool can_sign() const { return has_secret_; }
  std::array<unsigned char, 64> Sign(std::string_view message) const;
  // A secret for another use (`purpose` names it), derived from the secret
  // key (HMAC-SHA256, hex): the same on every instance holding this key,
  // and telling nothing of it. Empty for a verify-only key.
  std::string Derive(std::string_view purpose) const;

 private:
  std::array<unsigned char, 32> pk_{};
  std::array<unsigned char, 64> sk_{};
  bool has_secret_ = false;
};

bool VerifySignature(const std::array<unsigned char, 32>& public_key, std::string_view message,
                     const std::array<unsigned char, 64>& signature);

}  // namespace warroom::store
