// Users and their API tokens in the memory twin.
#include "store/memory/memory_tx.hpp"

namespace warroom::store::memory {
namespace {

Tables::StoredToken* FindStored(Tables& t, std::int64_t id) {
  if (id < 1 || id > static_cast<std::int64_t>(t.tokens.size())) return nullptr;
  return &t.tokens[static_cast<std::size_t>(id - 1)];
}

}  // namespace

Result<std::optional<User>> MemoryTx::FindUser(const std::string& handle) {
  auto it = t_.users.find(handle);
  if (it == t_.users.end()) return std::optional<User>();
  return std::optional<User>(it->second);
}

Result<std::vector<User>> MemoryTx::ListUsers() {
  std::vector<User> out;
  for (const auto& [handle, u] : t_.users) out.push_back(u);
  return out;
}

Result<std::optional<TokenGrant>> MemoryTx::FindTokenByDigest(const Hash& digest) {
  for (const auto& s : t_.tokens) {
    if (s.digest != digest) continue;
    auto u = t_.users.find(s.token.handle);
    if (u == t_.users.end()) break;
    return std::optional<TokenGrant>(TokenGrant{s.token, u->second});
  }
  return std::optional<TokenGrant>();
}

Result<std::optional<ApiToken>> MemoryTx::FindToken(std::int64_t id) {
  auto* s = FindStored(t_, id);
  if (!s) return std::optional<ApiToken>();
  return std::optional<ApiToken>(s->token);
}

Result<std::vector<ApiToken>> MemoryTx::ListTokens(const std::string& handle) {
  std::vector<ApiToken> out;
  for (const auto& s : t_.tokens)
    if (handle.empty() || s.token.handle == handle) out.push_back(s.token);
  return out;
}

Result<std::int64_t> MemoryTx::CountUsers() { return static_cast<std::int64_t>(t_.users.size()); }

Result<std::int64_t> MemoryTx::CountActiveAdmins() {
  std::int64_t n = 0;
  for (const auto& [handle, u] : t_.users)
    if (u.permission == Permission::kAdmin && !u.disabled_at) ++n;
  return n;
}

Outcome MemoryTx::InsertUser(const User& u) {
  if (!t_.users.emplace(u.handle, u).second)
    return Error::AlreadyExists("a user '" + u.handle + "' already exists");
  return Success();
}

Result<std::int64_t> MemoryTx::InsertToken(const Hash& digest, const ApiToken& t) {
  // The SQLite schema's foreign key and unique digest.
  if (!t_.users.count(t.handle)) return Error::Conflict("no user '" + t.handle + "'");
  for (const auto& s : t_.tokens)
    if (s.digest == digest) return Error::Conflict("a token with this digest exists");
  ApiToken stored = t;
  stored.id = static_cast<std::int64_t>(t_.tokens.size()) + 1;
  stored.last_used_at.reset();
  stored.revoked_at.reset();
  t_.tokens.push_back({digest, stored});
  return stored.id;
}

Outcome MemoryTx::RevokeToken(std::int64_t id, TimePoint at) {
  auto* s = FindStored(t_, id);
  if (!s) return Error::NotFound("no token " + std::to_string(id));
  if (s->token.revoked_at)
    return Error::FailedPrecondition("token " + std::to_string(id) + " was already revoked at " +
                                     FormatTime(*s->token.revoked_at));
  s->token.revoked_at = at;
  return Success();
}

Outcome MemoryTx::TouchTokens(const std::vector<std::int64_t>& ids, TimePoint at) {
  for (auto id : ids)
    if (auto* s = FindStored(t_, id)) s->token.last_used_at = at;
  return Success();
}

Outcome MemoryTx::SetUserDisabled(const std::string& handle, std::optional<TimePoint> at) {
  auto it = t_.users.find(handle);
  if (it == t_.users.end()) return Error::NotFound("no user '" + handle + "'");
  it->second.disabled_at = at;
  return Success();
}

Outcome MemoryTx::SetUserPermission(const std::string& handle, Permission p) {
  auto it = t_.users.find(handle);
  if (it == t_.users.end()) return Error::NotFound("no user '" + handle + "'");
  it->second.permission = p;
  return Success();
}

Outcome MemoryTx::SetUserPublishPublic(const std::string& handle, bool publish) {
  auto it = t_.users.find(handle);
  if (it == t_.users.end()) return Error::NotFound("no user '" + handle + "'");
  it->second.publish_public = publish;
  return Success();
}

}  // namespace warroom::store::memory
