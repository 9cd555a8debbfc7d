#include "store/checkpoint.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "crypto/hmac.hpp"
#include "crypto/sha256.hpp"
#include "store/event_chain.hpp"

#include "store/binary_encoding.hpp"

namespace warroom::store {
namespace {

template <std::size_t N>
std::string Hex(const std::array<unsigned char, N>& a) {
  std::string s(N * 2 + 1, '\0');
  sodium_bin2hex(s.data(), s.size(), a.data(), N);
  s.pop_back();
  return s;
}

template <std::size_t N>
bool FromHex(std::string_view hex, std::array<unsigned char, N>& out) {
  std::size_t len = 0;
  return sodium_hex2bin(out.data(), N, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 &&
         len == N;
}

}  // namespace

Hash HeadsDigest(std::int64_t global_seq, const ChainHeads& heads) {
  std::string enc;
  PutStr(enc, "warroom.checkpoint.v1");
  PutU64(enc, static_cast<std::uint64_t>(global_seq));
  PutU64(enc, heads.size());
  for (const auto& [id, head] : heads) {
    PutStr(enc, id);
    PutU64(enc, static_cast<std::uint64_t>(head.first));
    enc.append(reinterpret_cast<const char*>(head.second.data()), head.second.size());
  }
  return crypto::Sha256(enc);
}

std::string CheckpointMessage(std::int64_t global_seq, TimePoint created_at, const Hash& digest) {
  std::string m;
  PutStr(m, "warroom.checkpoint-signature.v1");
  PutU64(m, static_cast<std::uint64_t>(global_seq));
  PutU64(m, static_cast<std::uint64_t>(ToMicros(created_at)));
  m.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  return m;
}

Result<SigningKey> SigningKey::LoadOrCreate(const std::string& path) {
  if (sodium_init() < 0) return Error::Internal("libsodium failed to initialise");
  std::ifstream in(path);
  SigningKey k;
  std::array<unsigned char, 32> seed{};
  if (in) {
    std::string line;
    std::getline(in, line);
    if (!FromHex(line.substr(0, 64), seed))
      return Error::InvalidArgument("signing key file " + path +
                                    " does not hold 64 hex digits: restore it from your backup");
  } else {
    randombytes_buf(seed.data(), seed.size());
    std::string tmp = path + ".tmp";
    {
      std::ofstream out(tmp, std::ios::trunc);
      if (!out)
        return Error::Unavailable("cannot create the signing key file " + path +
                                  " (check the folder's permissions)");
      chmod(tmp.c_str(), 0600);
      out << Hex(seed) << "\n";
      out.flush();
      if (!out) return Error::Unavailable("cannot write the signing key file " + path);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
      return Error::Unavailable("cannot create the signing key file " + path);
  }
  crypto_sign_seed_keypair(k.pk_.data(), k.sk_.data(), seed.data());
  sodium_memzero(seed.data(), seed.size());
  k.has_secret_ = true;
  return k;
}

Result<SigningKey> SigningKey::LoadForVerify(const std::string& path) {
  if (sodium_init() < 0) return Error::Internal("libsodium failed to initialise");
  std::ifstream in(path);
  if (!in) return Error::NotFound("no key file at " + path + " (give it with --key)");
  std::string line;
  std::getline(in, line);
  constexpr std::string_view kPublic = "public:";
  if (line.rfind(kPublic, 0) == 0) {
    SigningKey k;
    if (!FromHex(std::string_view(line).substr(kPublic.size(), 64), k.pk_))
      return Error::InvalidArgument("public key file " + path +
                                    " is not 'public:' and 64 hex digits");
    return k;
  }
  return LoadOrCreate(path);
}

std::string SigningKey::Derive(std::string_view purpose) const {
  if (!has_secret_) return {};
  return crypto::HmacSha256Hex(
      std::string_view(reinterpret_cast<const char*>(sk_.data()), sk_.size()), purpose);
}

std::array<unsigned char, 64> SigningKey::Sign(std::string_view message) const {
  std::array<unsigned char, 64> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), sk_.data());
  return sig;
}

bool VerifySignature(const std::array<unsigned char, 32>& public_key, std::string_view message,
                     const std::array<unsigned char, 64>& signature) {
  return crypto_sign_verify_detached(signature.data(),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), public_key.data()) == 0;
}

}  // namespace warroom::store
