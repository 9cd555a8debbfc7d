#include "engine/user_service.hpp"

#include "engine/reply.hpp"

#include <sodium.h>

#include <cctype>

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

store::Hash TokenDigest(std::string_view token) {
  store::Hash h;
  crypto_hash_sha256(h.data(), reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return h;
}

bool LooksLikeToken(std::string_view token, std::string_view prefix) {
  if (token.size() != prefix.size() + 64 || token.substr(0, prefix.size()) != prefix) return false;
  for (char c : token.substr(prefix.size()))
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

Outcome CheckHandle(std::string_view h) {
  bool ok = !h.empty() && h.size() <= 64;
  for (char c : h) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'))
      ok = false;
  }
  if (!ok)
    return Error::InvalidArgument("handle '" + std::string(h) +
                                  "' must be 1 to 64 lower-case letters, digits, '.', '_' or '-'");
  return Success();
}

UserService::UserService(store::Store& store, std::shared_ptr<const Clock> clock)
    : store_(store), clock_(std::move(clock)) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

Result<std::optional<IssuedToken>> UserService::EnsureFirstAdmin(const std::string& handle) {
  std::optional<IssuedToken> issued;
  auto r = store_.WriteSync([&](store::WriteTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(auto n, tx.CountUsers());
    if (n > 0) return Success();
    store::User u;
    u.handle = handle;
    u.name = "Administrator";
    u.permission = store::Permission::kAdmin;
    u.created_at = clock_->Now();
    WARROOM_RETURN_IF_ERROR(tx.InsertUser(u));
    std::string token = NewTokenSecret();
    WARROOM_RETURN_IF_ERROR(
        tx.InsertToken(TokenDigest(token), handle, "first admin", u.created_at));
    issued = IssuedToken{handle, token};
    return Success();
  });
  if (!r.ok()) return r.error();
  return issued;
}

void UserService::Authenticate(const std::string& token, std::function<void(Result<Caller>)> done) {
  auto bad = [] {
    return Error::Unauthenticated(
        "the API token is missing or not valid: send 'Authorization: Bearer wr_...' "
        "(set WARROOM_TOKEN for the CLI)");
  };
  if (!LooksLikeToken(token)) return done(bad());
  store::Hash digest = TokenDigest(token);
  std::string key(reinterpret_cast<const char*>(digest.data()), digest.size());
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(key);
    // The map finds by hash; the final comparison is constant-time.
    if (it != cache_.end() &&
        crypto_verify_32(reinterpret_cast<const unsigned char*>(it->first.data()), digest.data()) ==
            0)
      return done(it->second);
  }
  auto found = std::make_shared<std::optional<store::User>>();
  store_.Read(
      [digest, found](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*found, tx.FindUserByTokenDigest(digest));
        return Success();
      },
      [this, key, found, bad, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        if (!*found) return done(bad());
        Caller c{(*found)->handle, (*found)->permission};
        {
          std::lock_guard lock(mu_);
          cache_[key] = c;
        }
        done(c);
      });
}

void UserService::CreateUser(const Caller& caller, store::User user,
                             std::function<void(Result<IssuedToken>)> done) {
  if (!caller.IsAdmin()) return done(Error::PermissionDenied("creating users is for admins"));
  if (auto r = CheckHandle(user.handle); !r.ok()) return done(r.error());
  if (user.name.empty()) user.name = user.handle;
  user.created_at = clock_->Now();
  auto token = std::make_shared<std::string>(NewTokenSecret());
  store_.Write(
      [user, token](store::WriteTx& tx) -> Outcome {
        WARROOM_RETURN_IF_ERROR(tx.InsertUser(user));
        return tx.InsertToken(TokenDigest(*token), user.handle, "created with user",
                              user.created_at);
      },
      [handle = user.handle, token, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        done(IssuedToken{handle, *token});
      });
}

void UserService::IssueToken(const Caller& caller, const std::string& handle,
                             const std::string& label,
                             std::function<void(Result<IssuedToken>)> done) {
  if (!caller.IsAdmin() && caller.handle != handle)
    return done(Error::PermissionDenied("issuing a token for another user is for admins"));
  auto token = std::make_shared<std::string>(NewTokenSecret());
  TimePoint now = clock_->Now();
  store_.Write(
      [handle, label, token, now](store::WriteTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto u, tx.FindUser(handle));
        if (!u) return Error::NotFound("no user '" + handle + "'");
        return tx.InsertToken(TokenDigest(*token), handle, label, now);
      },
      [handle, token, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        done(IssuedToken{handle, *token});
      });
}

void UserService::ListUsers(const Caller&,
                            std::function<void(Result<std::vector<store::User>>)> done) {
  auto out = std::make_shared<std::vector<store::User>>();
  store_.Read(
      [out](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*out, tx.ListUsers());
        return Success();
      },
      [out, done = std::move(done)](Outcome r) { Reply(std::move(r), *out, done); });
}

}  // namespace warroom::engine
