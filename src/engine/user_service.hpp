#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "base/clock.hpp"
#include "engine/caller.hpp"
#include "engine/change_bus.hpp"
#include "store/store.hpp"
// What the service checks and issues, for its callers too: the bounds and
// checks of user input, and the token secrets.
#include "engine/tokens.hpp"
#include "engine/user_input.hpp"

namespace warroom::engine {

// A freshly issued API token: the secret is shown once and never stored.
struct IssuedToken {
  std::string handle;
  std::string token;
  store::ApiToken record;
};

// What a new token should be. Unset scope: the most both the user and the
// caller's own token hold; no expiry: it lives until revoked.
struct TokenRequest {
  std::string label;
  std::optional<store::Permission> scope;
  std::optional<TimePoint> expires_at;
  std::optional<Duration> expires_in;  // from now; not with expires_at
};

// A user as a caller may see them: contact details (email, phone, chat
// handle, Slack member id) only for admins and the user themselves; for
// others they are cleared here and `contact_visible` is false.
// What an update changes: each field given, nothing else.
struct UserChange {
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> chat_handle;
  std::optional<std::string> slack_member_id;
  std::optional<std::string> phone;
  std::optional<store::Permission> permission;
  std::optional<bool> publish_public;
  bool Empty() const {
    return !name && !email && !chat_handle && !slack_member_id && !phone && !permission &&
           !publish_public;
  }
};

struct UserView {
  store::User user;
  bool contact_visible = false;
};

// Users, permissions and bearer API tokens. Tokens are 256-bit random values
// ("wr_" + 64 hex digits) stored only as SHA-256 digests, each with a scope
// (read, respond, admin), an optional expiry and a public id.
//
// Live tokens are cached in this process (digest -> caller), so a hot token
// costs no database read. Every change that can take a token's power away
// (revoking it, disabling its user, changing the user's permission) goes
// through this service and clears the cache once it is durable; expiry is
// checked against the clock on every request, cached or not. With one
// process writing (SQLite) this is exact. Instances sharing a database
// (PostgreSQL) pass `cache_tokens` false: every request reads its token, so
// a revocation, a disabled user or a lowered permission on any instance
// takes effect on every instance at the next request.
class UserService {
 public:
  UserService(store::Store& store, std::shared_ptr<const Clock> clock, bool cache_tokens = true);

  // On first start (no users at all) creates the admin user and returns its
  // token; otherwise nullopt.
  Result<std::optional<IssuedToken>> EnsureFirstAdmin(const std::string& handle);

  // Checks a bearer token. kUnauthenticated for anything but a live token
  // (unknown, revoked, expired, or its user disabled: one message for all);
  // the comparison of digests is constant-time.
  void Authenticate(const std::string& token, std::function<void(Result<Caller>)> done);

  void CreateUser(const Caller& caller, store::User user,
                  std::function<void(Result<IssuedToken>)> done);
  void IssueToken(const Caller& caller, const std::string& handle, TokenRequest req,
                  std::function<void(Result<IssuedToken>)> done);
  void ListUsers(const Caller& caller, std::function<void(Result<std::vector<UserView>>)> done);
  // One user's tokens (theirs, or anyone's for admins); every user's when
  // `handle` is empty (admins). Never the secrets.
  void ListTokens(const Caller& caller, const std::string& handle,
                  std::function<void(Result<std::vector<store::ApiToken>>)> done);
  // Revokes one of the caller's own tokens, or anyone's for admins. Another
  // user's token is "not found" to a non-admin; revoking twice is
  // kFailedPrecondition. Takes effect on the next request.
  void RevokeToken(const Caller& caller, std::int64_t id,
                   std::function<void(Result<store::ApiToken>)> done);
  // Disables (none of the user's tokens is accepted) or enables a user
  // (admins). The last active admin cannot be disabled.
  void SetDisabled(const Caller& caller, const std::string& handle, bool disabled,
                   std::function<void(Result<UserView>)> done);
  // Changes a user's permission (admins); the last active admin keeps theirs.
  void SetPermission(const Caller& caller, const std::string& handle, store::Permission p,
                     std::function<void(Result<UserView>)> done);
  // Changes a user's name, contact details and permission in one write
  // (admins); the last active admin keeps theirs. kInvalidArgument for an
  // empty change.
  void UpdateUser(const Caller& caller, const std::string& handle, UserChange change,
                  std::function<void(Result<UserView>)> done);

  // Forgets every cached token (after a change that can take power away),
  // and announces it.
  void Invalidate();
  // Where changes to users and tokens are announced (set once, before
  // serving).
  void SetChangeBus(ChangeBus* bus) { bus_ = bus; }

 private:
  struct Cached {
    Caller caller;
    std::optional<TimePoint> expires_at;
    std::optional<TimePoint> last_used_at;  // as recorded, to the hour
  };
  // Records a use of the token at most once an hour (no write per request).
  void MaybeTouch(Cached& entry, TimePoint now);

  store::Store& store_;
  std::shared_ptr<const Clock> clock_;
  std::mutex mu_;
  const bool cache_tokens_;
  std::unordered_map<std::string, Cached> cache_;
  // Bumped by Invalidate: a read that started before it cannot fill the
  // cache with what it saw.
  std::uint64_t generation_ = 0;
  ChangeBus* bus_ = nullptr;
};

}  // namespace warroom::engine
