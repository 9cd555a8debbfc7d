#include "engine/session_service.hpp"

#include <algorithm>

#include "crypto/hmac.hpp"
#include "engine/request_scope.hpp"
#include "engine/tokens.hpp"
#include "engine/user_input.hpp"

namespace warroom::engine {

using store::Permission;

namespace {

constexpr std::string_view kSessionPrefix = "wrs_";
// A session's last use is recorded to the minute: a browser in use costs
// one write a minute, not one per request.
constexpr auto kTouchEvery = std::chrono::minutes(1);
constexpr std::size_t kMaxUserAgent = 256;

Error WrongCredentials() {
  return Error::Unauthenticated(
      "the handle or the password is wrong (an admin can send you a sign-in link: warroom user "
      "link HANDLE)");
}

Error SignedOut() {
  return Error::Unauthenticated("not signed in, or the session has ended: sign in again");
}

Error LinkNotValid() {
  return Error::Unauthenticated(
      "this sign-in link is not valid: it was used, it expired, or it never existed; ask an "
      "admin for a new one (warroom user link HANDLE)");
}

std::string AccountKey(const std::string& handle) { return "account:" + handle; }
std::string ClientKey(const ClientInfo& c) { return "client:" + c.address; }

Outcome CheckNewPassword(const std::string& handle, const std::string& password) {
  if (password.size() < kMinPassword)
    return Error::InvalidArgument("the password must be at least " + std::to_string(kMinPassword) +
                                  " characters (a passphrase of a few words is best)");
  if (password.size() > kMaxPassword)
    return Error::InvalidArgument("the password must be at most " + std::to_string(kMaxPassword) +
                                  " bytes");
  if (password == handle) return Error::InvalidArgument("the password must not be the handle");
  return Success();
}

}  // namespace

Duration SignInDelay(std::int64_t failures) {
  if (failures < 3) return Duration::zero();
  std::int64_t seconds = 1;
  for (std::int64_t i = 3; i < failures && seconds < 30; ++i) seconds *= 2;
  return std::chrono::seconds(std::min<std::int64_t>(seconds, 30));
}

std::string CsrfTokenFor(const std::string& secret) {
  return crypto::HmacSha256Hex(secret, "warroom csrf");
}

SessionService::SessionService(store::Store& store, std::shared_ptr<const Clock> clock,
                               PasswordHasher& hasher, Delay delay, SessionSettings settings)
    : store_(store),
      clock_(std::move(clock)),
      hasher_(hasher),
      delay_(std::move(delay)),
      settings_(settings) {}

void SessionService::Announce() {
  if (bus_) bus_->Publish(ChangeKind::kUsers);
}

void SessionService::SignIn(const std::string& handle, const std::string& password,
                            const ClientInfo& client,
                            std::function<void(Result<IssuedSession>)> done) {
  // Shapes that can never sign in are refused before any work, as a wrong
  // password: an oversized body costs nothing to send.
  if (!CheckHandle(handle).ok() || password.empty() || password.size() > kMaxPassword)
    return Failed(handle, client, std::move(done));
  struct Seen {
    std::optional<store::User> user;
    std::string hash;
    std::int64_t failures = 0;
  };
  auto seen = std::make_shared<Seen>();
  TimePoint now = clock_->Now();
  TimePoint quiet = now - settings_.failure_window;
  store_.Read(
      [handle, client, seen, quiet](store::ReadTx& tx) -> Outcome {
        for (const std::string& key : {AccountKey(handle), ClientKey(client)}) {
          WARROOM_ASSIGN_OR_RETURN(auto f, tx.FindSignInFailures(key));
          if (f && f->last_failed_at >= quiet)
            seen->failures = std::max(seen->failures, f->failures);
        }
        WARROOM_ASSIGN_OR_RETURN(seen->user, tx.FindUser(handle));
        if (seen->user) {
          WARROOM_ASSIGN_OR_RETURN(seen->hash, tx.FindPasswordHash(handle));
        }
        return Success();
      },
      [this, handle, password, client, seen, done = std::move(done)](Outcome r) mutable {
        if (!r.ok()) return done(r.error());
        // A disabled user's hash is checked like none at all: the same time,
        // the same answer.
        std::string stored = seen->user && !seen->user->disabled_at ? seen->hash : "";
        auto check = [this, handle, password, client, seen, stored,
                      done = std::move(done)]() mutable {
          hasher_.Check(password, stored,
                        [this, handle, password, client, seen,
                         done = std::move(done)](Result<PasswordHasher::Checked> c) mutable {
                          if (!c.ok()) return done(c.error());
                          if (!c->match) return Failed(handle, client, std::move(done));
                          if (!c->needs_rehash)
                            return Open(*seen->user, true, client, std::move(done));
                          // Made under older costs: replaced now that the password is known.
                          hasher_.Hash(password, [this, seen, client, done = std::move(done)](
                                                     Result<std::string> h) mutable {
                            if (h.ok())
                              store_.Write(
                                  [handle = seen->user->handle, hash = *h](store::WriteTx& tx) {
                                    return tx.SetPasswordHash(handle, hash);
                                  },
                                  [](Outcome) {});  // best effort: the old hash still works
                            Open(*seen->user, true, client, std::move(done));
                          });
                        });
        };
        Duration wait = SignInDelay(seen->failures);
        if (wait > Duration::zero()) return delay_(wait, std::move(check));
        check();
      });
}

void SessionService::Failed(const std::string& handle, const ClientInfo& client,
                            std::function<void(Result<IssuedSession>)> done) {
  TimePoint now = clock_->Now();
  TimePoint quiet = now - settings_.failure_window;
  // Counted for the account only when the handle could be one (a flood of
  // junk handles must not fill the table).
  bool account = CheckHandle(handle).ok();
  store_.Write(
      [handle, client, now, quiet, account](store::WriteTx& tx) -> Outcome {
        if (account)
          WARROOM_RETURN_IF_ERROR(tx.RecordSignInFailure(AccountKey(handle), now, quiet));
        return tx.RecordSignInFailure(ClientKey(client), now, quiet);
      },
      [done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        done(WrongCredentials());
      });
}

void SessionService::Open(const store::User& user, bool password_set, const ClientInfo& client,
                          std::function<void(Result<IssuedSession>)> done) {
  auto issued = std::make_shared<IssuedSession>();
  issued->secret = NewTokenSecret(kSessionPrefix);
  issued->csrf = CsrfTokenFor(issued->secret);
  issued->user = user;
  issued->password_set = password_set;
  TimePoint now = clock_->Now();
  store::WebSession& s = issued->session;
  s.handle = user.handle;
  s.created_at = now;
  s.last_seen_at = now;
  s.expires_at = now + settings_.absolute;
  s.client = client.address;
  s.user_agent = client.user_agent.substr(0, kMaxUserAgent);
  store_.Write(
      [issued](store::WriteTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(issued->session.id,
                                 tx.InsertSession(TokenDigest(issued->secret), issued->session));
        return tx.ClearSignInFailures(AccountKey(issued->session.handle));
      },
      [issued, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        done(std::move(*issued));
      });
}

void SessionService::SignInWithLink(const std::string& secret, const ClientInfo& client,
                                    std::function<void(Result<IssuedSession>)> done) {
  if (!LooksLikeToken(secret, kSignInLinkPrefix)) return done(LinkNotValid());
  struct Used {
    store::User user;
    bool password_set = false;
  };
  auto used = std::make_shared<Used>();
  TimePoint now = clock_->Now();
  store_.Write(
      [secret, now, used](store::WriteTx& tx) -> Outcome {
        auto handle = tx.UseSignInLink(TokenDigest(secret), now);
        if (!handle.ok()) {
          auto c = handle.error().code;
          if (c == ErrorCode::kNotFound || c == ErrorCode::kFailedPrecondition)
            return LinkNotValid();
          return handle.error();
        }
        WARROOM_ASSIGN_OR_RETURN(auto user, tx.FindUser(*handle));
        if (!user || user->disabled_at) return LinkNotValid();
        used->user = *user;
        WARROOM_ASSIGN_OR_RETURN(auto hash, tx.FindPasswordHash(*handle));
        used->password_set = !hash.empty();
        return Success();
      },
      [this, used, client, done = std::move(done)](Outcome r) mutable {
        if (!r.ok()) return done(r.error());
        Open(used->user, used->password_set, client, std::move(done));
      });
}

void SessionService::Authenticate(const std::string& secret,
                                  std::function<void(Result<Caller>)> done) {
  if (!LooksLikeToken(secret, kSessionPrefix)) return done(SignedOut());
  auto found = std::make_shared<std::optional<store::SessionGrant>>();
  store::Hash digest = TokenDigest(secret);
  TimePoint now = clock_->Now();
  store_.Read(
      [digest, found](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*found, tx.FindSessionByDigest(digest));
        return Success();
      },
      [this, found, now, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        if (!*found) return done(SignedOut());
        const store::WebSession& s = (*found)->session;
        const store::User& u = (*found)->user;
        if (s.revoked_at || now >= s.expires_at || now - s.last_seen_at >= settings_.idle ||
            u.disabled_at)
          return done(SignedOut());
        if (now - s.last_seen_at >= kTouchEvery)
          store_.Write([id = s.id, now](store::WriteTx& tx) { return tx.TouchSession(id, now); },
                       [](Outcome) {});  // best effort: the next request tries again
        Caller c{u.handle, u.permission};
        c.publish_public = u.publish_public;
        c.token_expires_at = s.expires_at;
        c.session_id = s.id;
        done(c);
      });
}

void SessionService::SignOut(const Caller& caller, std::function<void(Outcome)> done) {
  if (caller.session_id == 0)
    return done(Error::FailedPrecondition(
        "this request is signed in with an API token, not a session: revoke the token instead "
        "(warroom token revoke ID)"));
  TimePoint now = clock_->Now();
  store_.Write(
      [caller, now](store::WriteTx& tx) -> Outcome {
        WARROOM_RETURN_IF_ERROR(tx.RevokeSession(caller.session_id, now));
        return RecordAnswer(tx, caller, Ok{});
      },
      [this, done = std::move(done)](Outcome r) {
        if (r.ok()) Announce();
        done(r);
      });
}

void SessionService::IssueSignInLink(const Caller& caller, const std::string& handle,
                                     std::function<void(Result<IssuedLink>)> done) {
  if (!caller.IsAdmin()) return done(Error::PermissionDenied("sign-in links are made by admins"));
  if (auto r = CheckHandle(handle); !r.ok()) return done(r.error());
  auto secret = std::make_shared<std::string>(NewTokenSecret(kSignInLinkPrefix));
  TimePoint now = clock_->Now();
  store::SignInLink link{handle, now, now + settings_.link_lifetime, std::nullopt};
  store_.Write(
      [caller, secret, link](store::WriteTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto user, tx.FindUser(link.handle));
        if (!user) return Error::NotFound("no user '" + link.handle + "'");
        if (user->disabled_at)
          return Error::FailedPrecondition(
              "'" + link.handle + "' is disabled: enable them first (warroom user enable)");
        WARROOM_RETURN_IF_ERROR(tx.InsertSignInLink(TokenDigest(*secret), link));
        return RecordShownOnce(tx, caller,
                               "this Idempotency-Key's request already made a sign-in link for " +
                                   link.handle + ", good until " + FormatTime(link.expires_at) +
                                   "; its secret was shown once, in that answer. If the answer "
                                   "was lost, make another (warroom user link " +
                                   link.handle + ")");
      },
      [secret, link, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        done(IssuedLink{link.handle, *secret, link.expires_at});
      });
}

void SessionService::SetPassword(const Caller& caller, const std::string& handle,
                                 const std::string& current, const std::string& password,
                                 std::function<void(Outcome)> done) {
  if (auto r = CheckHandle(handle); !r.ok()) return done(r.error());
  bool own = caller.handle == handle;
  if (!own && !caller.IsAdmin())
    return done(Error::PermissionDenied("setting another user's password is for admins"));
  if (auto r = CheckNewPassword(handle, password); !r.ok()) return done(r.error());
  auto stored = std::make_shared<std::string>();
  store_.Read(
      [handle, stored](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*stored, tx.FindPasswordHash(handle));
        return Success();
      },
      [this, caller, handle, own, current, password, stored,
       done = std::move(done)](Outcome r) mutable {
        if (!r.ok()) return done(r.error());
        // One's own password changes with the current one (unless none is
        // set: the first sign-in by link).
        if (!own || stored->empty())
          return StorePassword(caller, handle, password, own, std::move(done));
        hasher_.Check(current, *stored,
                      [this, caller, handle, password,
                       done = std::move(done)](Result<PasswordHasher::Checked> c) mutable {
                        if (!c.ok()) return done(c.error());
                        if (!c->match)
                          return done(Error::PermissionDenied("the current password is wrong"));
                        StorePassword(caller, handle, password, true, std::move(done));
                      });
      });
}

void SessionService::StorePassword(const Caller& caller, const std::string& handle,
                                   const std::string& password, bool own,
                                   std::function<void(Outcome)> done) {
  hasher_.Hash(password,
               [this, caller, handle, own, done = std::move(done)](Result<std::string> h) mutable {
                 if (!h.ok()) return done(h.error());
                 TimePoint now = clock_->Now();
                 store_.Write(
                     [caller, handle, hash = *h, own, now](store::WriteTx& tx) -> Outcome {
                       WARROOM_RETURN_IF_ERROR(tx.SetPasswordHash(handle, hash));
                       if (!own) {
                         // Reset by an admin: whoever held the old password is out.
                         WARROOM_ASSIGN_OR_RETURN(auto ended, tx.RevokeSessions(handle, now));
                         (void)ended;
                       }
                       return RecordAnswer(tx, caller, Ok{});
                     },
                     [this, done = std::move(done)](Outcome w) {
                       if (w.ok()) Announce();
                       done(w);
                     });
               });
}

void SessionService::ListSessions(
    const Caller& caller, const std::string& handle,
    std::function<void(Result<std::vector<store::WebSession>>)> done) {
  if (auto r = CheckHandle(handle); !r.ok()) return done(r.error());
  if (caller.handle != handle && !caller.IsAdmin())
    return done(Error::PermissionDenied("another user's sessions are for admins to see"));
  auto out = std::make_shared<std::vector<store::WebSession>>();
  store_.Read(
      [handle, out](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto user, tx.FindUser(handle));
        if (!user) return Error::NotFound("no user '" + handle + "'");
        WARROOM_ASSIGN_OR_RETURN(*out, tx.ListSessions(handle));
        return Success();
      },
      [out, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        done(std::move(*out));
      });
}

void SessionService::RevokeSession(const Caller& caller, const std::string& handle, std::int64_t id,
                                   std::function<void(Outcome)> done) {
  if (auto r = CheckHandle(handle); !r.ok()) return done(r.error());
  if (caller.handle != handle && !caller.IsAdmin())
    return done(Error::PermissionDenied("ending another user's sessions is for admins"));
  TimePoint now = clock_->Now();
  store_.Write(
      [caller, handle, id, now](store::WriteTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto list, tx.ListSessions(handle));
        bool theirs = std::any_of(list.begin(), list.end(),
                                  [id](const store::WebSession& s) { return s.id == id; });
        if (!theirs)
          return Error::NotFound("'" + handle + "' has no session " + std::to_string(id));
        WARROOM_RETURN_IF_ERROR(tx.RevokeSession(id, now));
        return RecordAnswer(tx, caller, Ok{});
      },
      [this, done = std::move(done)](Outcome r) {
        if (r.ok()) Announce();
        done(r);
      });
}

}  // namespace warroom::engine
