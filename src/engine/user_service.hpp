#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "base/clock.hpp"
#include "engine/caller.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// A freshly issued API token: the secret is shown once and never stored.
struct IssuedToken {
  std::string handle;
  std::string token;
};

// Users, permissions and bearer API tokens. Tokens are 256-bit random values
// ("wr_" + 64 hex digits) stored only as SHA-256 digests.
class UserService {
 public:
  UserService(store::Store& store, std::shared_ptr<const Clock> clock);

  // On first start (no users at all) creates the admin user and returns its
  // token; otherwise nullopt.
  Result<std::optional<IssuedToken>> EnsureFirstAdmin(const std::string& handle);

  // Checks a bearer token. kUnauthenticated for anything but a live token;
  // the comparison of digests is constant-time.
  void Authenticate(const std::string& token, std::function<void(Result<Caller>)> done);

  void CreateUser(const Caller& caller, store::User user,
                  std::function<void(Result<IssuedToken>)> done);
  void IssueToken(const Caller& caller, const std::string& handle, const std::string& label,
                  std::function<void(Result<IssuedToken>)> done);
  void ListUsers(const Caller& caller, std::function<void(Result<std::vector<store::User>>)> done);

 private:
  store::Store& store_;
  std::shared_ptr<const Clock> clock_;
  // Digest -> caller, so a hot token costs no database read.
  std::mutex mu_;
  std::unordered_map<std::string, Caller> cache_;
};

// Token helpers (exposed for tests).
// `prefix` + 64 hex digits of 256 random bits ("wr_" API tokens, "wri_"
// integration keys).
std::string NewTokenSecret(std::string_view prefix = "wr_");
store::Hash TokenDigest(std::string_view token);
bool LooksLikeToken(std::string_view token, std::string_view prefix = "wr_");
// Handles are lower-case letters, digits, '.', '_' and '-', 1 to 64 long.
Outcome CheckHandle(std::string_view handle);

}  // namespace warroom::engine
