// Browser sessions, passwords, sign-in links and failed sign-ins in the
// memory twin.
#include "store/memory/memory_tx.hpp"

namespace warroom::store::memory {
namespace {

Tables::StoredSession* FindStored(Tables& t, std::int64_t id) {
  for (auto& s : t.sessions)
    if (s.session.id == id) return &s;
  return nullptr;
}

bool Ended(const WebSession& s, TimePoint before) {
  return s.expires_at < before || (s.revoked_at && *s.revoked_at < before);
}

}  // namespace

Result<std::optional<SessionGrant>> MemoryTx::FindSessionByDigest(const Hash& digest) {
  for (const auto& s : t_.sessions) {
    if (s.digest != digest) continue;
    auto u = t_.users.find(s.session.handle);
    if (u == t_.users.end()) break;
    return std::optional<SessionGrant>(SessionGrant{s.session, u->second});
  }
  return std::optional<SessionGrant>();
}

Result<std::vector<WebSession>> MemoryTx::ListSessions(const std::string& handle) {
  std::vector<WebSession> out;
  for (auto it = t_.sessions.rbegin(); it != t_.sessions.rend(); ++it)
    if (it->session.handle == handle) out.push_back(it->session);
  return out;
}

Result<std::string> MemoryTx::FindPasswordHash(const std::string& handle) {
  if (!t_.users.count(handle)) return Error::NotFound("no user '" + handle + "'");
  auto it = t_.password_hashes.find(handle);
  return it == t_.password_hashes.end() ? std::string() : it->second;
}

Result<std::optional<SignInFailures>> MemoryTx::FindSignInFailures(const std::string& key) {
  auto it = t_.sign_in_failures.find(key);
  if (it == t_.sign_in_failures.end()) return std::optional<SignInFailures>();
  return std::optional<SignInFailures>(it->second);
}

Result<std::optional<SignInLink>> MemoryTx::FindSignInLink(const Hash& digest) {
  auto it = t_.sign_in_links.find(digest);
  if (it == t_.sign_in_links.end()) return std::optional<SignInLink>();
  return std::optional<SignInLink>(it->second);
}

Result<std::int64_t> MemoryTx::InsertSession(const Hash& digest, const WebSession& s) {
  // The SQLite schema's foreign key and unique digest.
  if (!t_.users.count(s.handle)) return Error::Conflict("no user '" + s.handle + "'");
  for (const auto& stored : t_.sessions)
    if (stored.digest == digest) return Error::Conflict("a session with this digest exists");
  WebSession kept = s;
  kept.id = ++t_.last_session_id;
  kept.revoked_at.reset();
  t_.sessions.push_back({digest, kept});
  return kept.id;
}

Outcome MemoryTx::TouchSession(std::int64_t id, TimePoint at) {
  if (auto* s = FindStored(t_, id)) s->session.last_seen_at = at;
  return Success();
}

Outcome MemoryTx::RevokeSession(std::int64_t id, TimePoint at) {
  auto* s = FindStored(t_, id);
  if (!s) return Error::NotFound("no session " + std::to_string(id));
  if (s->session.revoked_at)
    return Error::FailedPrecondition("session " + std::to_string(id) + " was already ended at " +
                                     FormatTime(*s->session.revoked_at));
  s->session.revoked_at = at;
  return Success();
}

Result<std::int64_t> MemoryTx::RevokeSessions(const std::string& handle, TimePoint at) {
  std::int64_t n = 0;
  for (auto& s : t_.sessions) {
    if (s.session.handle != handle || s.session.revoked_at || s.session.expires_at <= at) continue;
    s.session.revoked_at = at;
    ++n;
  }
  return n;
}

Result<std::int64_t> MemoryTx::ForgetSessions(TimePoint before) {
  auto n = static_cast<std::int64_t>(std::erase_if(
      t_.sessions, [&](const Tables::StoredSession& s) { return Ended(s.session, before); }));
  n += static_cast<std::int64_t>(std::erase_if(
      t_.sign_in_links, [&](const auto& kv) { return kv.second.expires_at < before; }));
  return n;
}

Outcome MemoryTx::SetPasswordHash(const std::string& handle, const std::string& hash) {
  if (!t_.users.count(handle)) return Error::NotFound("no user '" + handle + "'");
  if (hash.empty())
    t_.password_hashes.erase(handle);
  else
    t_.password_hashes[handle] = hash;
  return Success();
}

Outcome MemoryTx::RecordSignInFailure(const std::string& key, TimePoint at,
                                      TimePoint reset_before) {
  auto [it, added] = t_.sign_in_failures.try_emplace(key, SignInFailures{0, at});
  if (!added && it->second.last_failed_at < reset_before) it->second.failures = 0;
  ++it->second.failures;
  it->second.last_failed_at = at;
  return Success();
}

Outcome MemoryTx::ClearSignInFailures(const std::string& key) {
  t_.sign_in_failures.erase(key);
  return Success();
}

Outcome MemoryTx::InsertSignInLink(const Hash& digest, const SignInLink& link) {
  if (!t_.users.count(link.handle)) return Error::Conflict("no user '" + link.handle + "'");
  SignInLink kept = link;
  kept.used_at.reset();
  if (!t_.sign_in_links.emplace(digest, kept).second)
    return Error::Conflict("a sign-in link with this digest exists");
  return Success();
}

Result<std::string> MemoryTx::UseSignInLink(const Hash& digest, TimePoint at) {
  auto it = t_.sign_in_links.find(digest);
  if (it == t_.sign_in_links.end()) return Error::NotFound("no such sign-in link");
  SignInLink& l = it->second;
  if (l.used_at)
    return Error::FailedPrecondition("this sign-in link was used at " + FormatTime(*l.used_at));
  if (l.expires_at <= at)
    return Error::FailedPrecondition("this sign-in link expired at " + FormatTime(l.expires_at));
  l.used_at = at;
  return l.handle;
}

Outcome MemoryTx::UpdateUserContact(const User& u) {
  auto it = t_.users.find(u.handle);
  if (it == t_.users.end()) return Error::NotFound("no user '" + u.handle + "'");
  it->second.name = u.name;
  it->second.email = u.email;
  it->second.chat_handle = u.chat_handle;
  it->second.slack_member_id = u.slack_member_id;
  it->second.phone = u.phone;
  return Success();
}

}  // namespace warroom::store::memory
