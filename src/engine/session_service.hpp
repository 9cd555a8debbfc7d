#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "engine/caller.hpp"
#include "engine/change_bus.hpp"
#include "engine/password_hasher.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// What a one-time sign-in link's secret starts with (wrl_ + 64 hex digits).
inline constexpr std::string_view kSignInLinkPrefix = "wrl_";

// How long a browser stays signed in, and how sign-in is slowed.
struct SessionSettings {
  // Signed out after this long without a request (an on-call shift)...
  Duration idle = std::chrono::hours(12);
  // ...and this long after signing in, whatever happens.
  Duration absolute = std::chrono::hours(24 * 7);
  // A one-time sign-in link (the first admin's, a reset) is good this long.
  Duration link_lifetime = std::chrono::minutes(15);
  // Failed sign-ins are counted until a quiet spell this long.
  Duration failure_window = std::chrono::minutes(15);
};

// The wait before a sign-in is checked, after `failures` recent failures
// of its account or its client (the more of the two): none after 0 to 2
// (typos), then 1 s after 3, 2 s after 4, 4 s ... up to 30 s. Slowed, never locked: a lock-out
// would let anyone keep the on-call engineer out of their own incident tool.
Duration SignInDelay(std::int64_t failures);

// Passwords shorter than this are refused; long ones (passphrases) are
// welcome up to kMaxPassword bytes.
inline constexpr std::size_t kMinPassword = 12;
inline constexpr std::size_t kMaxPassword = 1024;

// A session just made: its cookie secret and CSRF token are shown to the
// browser and never stored (only the secret's digest is).
struct IssuedSession {
  std::string secret;
  std::string csrf;
  store::WebSession session;
  store::User user;
  bool password_set = false;  // false: signed in by link, to set one now
};

// A one-time sign-in link just made: its secret, shown once.
struct IssuedLink {
  std::string handle;
  std::string secret;
  TimePoint expires_at;
};

// Where a request comes from, as the sign-in throttle and the session list
// see it.
struct ClientInfo {
  std::string address;
  std::string user_agent;
};

// The CSRF token of a session: derived from its secret (HMAC), so nothing
// more is stored and only the holder of the cookie can know it.
std::string CsrfTokenFor(const std::string& secret);

// Browser sign-in: passwords (argon2id on the PasswordHasher's bounded
// pool), sessions (cookie secrets "wrs_" + 64 hex digits, stored as
// digests, read from the store on every request so that signing out,
// disabling a user or a reset takes effect on every instance at the next
// request), one-time sign-in links ("wrl_"), and the throttle of failed
// sign-ins (counted in the store, so every instance slows the same
// account).
class SessionService {
 public:
  // Waits `d`, then calls `then` (on whatever thread the waiting ends):
  // the HTTP layer's timer, so that a slowed sign-in holds no thread.
  using Delay = std::function<void(Duration d, std::function<void()> then)>;

  SessionService(store::Store& store, std::shared_ptr<const Clock> clock, PasswordHasher& hasher,
                 Delay delay, SessionSettings settings = {});

  // Checks a handle and password and opens a session. kUnauthenticated
  // with one message for every failure (unknown handle, wrong password, no
  // password set, disabled user), after the throttle's delay.
  void SignIn(const std::string& handle, const std::string& password, const ClientInfo& client,
              std::function<void(Result<IssuedSession>)> done);
  // Opens a session with a one-time link's secret: kUnauthenticated when
  // it is unknown, used or expired (one message), or its user disabled.
  void SignInWithLink(const std::string& secret, const ClientInfo& client,
                      std::function<void(Result<IssuedSession>)> done);
  // The caller a session cookie's secret stands for; kUnauthenticated when
  // it is unknown, signed out, idle or past its lifetime, or its user is
  // disabled (one message for all).
  void Authenticate(const std::string& secret, std::function<void(Result<Caller>)> done);
  // Ends the caller's own session.
  void SignOut(const Caller& caller, std::function<void(Outcome)> done);

  // A one-time sign-in link for `handle` (admins for anyone; the first
  // start for its admin, as warroom itself): the secret, shown once.
  void IssueSignInLink(const Caller& caller, const std::string& handle,
                       std::function<void(Result<IssuedLink>)> done);
  // Sets a password: one's own (with the current one, unless none is set
  // yet), or anyone's for admins (whose sessions then end). The caller's
  // own session stays.
  void SetPassword(const Caller& caller, const std::string& handle, const std::string& current,
                   const std::string& password, std::function<void(Outcome)> done);
  // One user's sessions (their own, or anyone's for admins), newest first.
  void ListSessions(const Caller& caller, const std::string& handle,
                    std::function<void(Result<std::vector<store::WebSession>>)> done);
  // Ends one session of `handle` (their own, or anyone's for admins).
  void RevokeSession(const Caller& caller, const std::string& handle, std::int64_t id,
                     std::function<void(Outcome)> done);

  const SessionSettings& settings() const { return settings_; }
  void SetChangeBus(ChangeBus* bus) { bus_ = bus; }

 private:
  void Open(const store::User& user, bool password_set, const ClientInfo& client,
            std::function<void(Result<IssuedSession>)> done);
  void Failed(const std::string& handle, const ClientInfo& client,
              std::function<void(Result<IssuedSession>)> done);
  // Hashes and stores a password; `own` false (an admin's reset) ends the
  // user's sessions in the same write.
  void StorePassword(const Caller& caller, const std::string& handle, const std::string& password,
                     bool own, std::function<void(Outcome)> done);
  void Announce();

  store::Store& store_;
  std::shared_ptr<const Clock> clock_;
  PasswordHasher& hasher_;
  Delay delay_;
  SessionSettings settings_;
  ChangeBus* bus_ = nullptr;
};

}  // namespace warroom::engine
