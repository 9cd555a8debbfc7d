#pragma once

#include <string>
#include <string_view>

#include "base/time.hpp"
#include "store/records.hpp"

namespace warroom::engine {

// The secrets that open warroom: API tokens ("wr_") and integration keys
// ("wri_"), each 256 random bits written as 64 hex digits after the prefix.
// Only their SHA-256 digests are stored; the secret is shown once.

// A new secret: `prefix` + 64 hex digits of 256 random bits from
// libsodium's generator.
std::string NewTokenSecret(std::string_view prefix = "wr_");
// The digest a secret is stored and found by.
store::Hash TokenDigest(std::string_view token);
// True when `token` has the shape of a secret with `prefix` (a cheap check
// before any store read: anything else is refused as unauthenticated).
bool LooksLikeToken(std::string_view token, std::string_view prefix = "wr_");

// A token's state at `now`, as the API lists it: "revoked" (whatever its
// expiry), else "expired" from its expires_at on, else "active".
std::string_view TokenState(const store::ApiToken& token, TimePoint now);

}  // namespace warroom::engine
