#include "engine/user_service.hpp"

#include <sodium.h>

#include "engine/reply.hpp"
#include "engine/request_scope.hpp"

namespace warroom::engine {

using store::Permission;

namespace {

// A retry of the request that issued `t` is told so: the secret was shown
// once, with the original answer.
Outcome RecordTokenShownOnce(store::WriteTx& tx, const Caller& caller, const store::ApiToken& t) {
  return RecordShownOnce(tx, caller,
                         "this Idempotency-Key's request already issued token " +
                             std::to_string(t.id) + " of " + t.handle +
                             "; its secret was shown once, in that answer. If the answer was "
                             "lost, revoke it (warroom token revoke " +
                             std::to_string(t.id) + ") and issue another");
}

Error NotValid() {
  return Error::Unauthenticated(
      "the API token is missing or not valid: send 'Authorization: Bearer wr_...' "
      "(set WARROOM_TOKEN for the CLI)");
}

// The token is accepted now: not revoked, not expired, its user not disabled.
bool Live(const store::TokenGrant& g, TimePoint now) {
  return !g.token.revoked_at && !g.user.disabled_at &&
         (!g.token.expires_at || now < *g.token.expires_at);
}

UserView ViewFor(const Caller& caller, store::User u) {
  UserView v;
  v.contact_visible = caller.IsAdmin() || caller.handle == u.handle;
  if (!v.contact_visible) {
    u.email.clear();
    u.phone.clear();
    u.chat_handle.clear();
    u.slack_member_id.clear();
  }
  v.user = std::move(u);
  return v;
}

Outcome CheckUser(const store::User& u) {
  WARROOM_RETURN_IF_ERROR(CheckHandle(u.handle));
  WARROOM_RETURN_IF_ERROR(CheckText("name", u.name, UserLimits::kName));
  WARROOM_RETURN_IF_ERROR(CheckText("email", u.email, UserLimits::kContact));
  WARROOM_RETURN_IF_ERROR(CheckText("chat_handle", u.chat_handle, UserLimits::kContact));
  WARROOM_RETURN_IF_ERROR(CheckText("slack_member_id", u.slack_member_id, UserLimits::kContact));
  return CheckText("phone", u.phone, UserLimits::kContact);
}

// The last active admin must stay one: someone has to be able to manage users.
Outcome KeepAnAdmin(store::UserReads& tx, const store::User& u, std::string_view change) {
  if (u.permission != Permission::kAdmin || u.disabled_at) return Success();
  WARROOM_ASSIGN_OR_RETURN(auto admins, tx.CountActiveAdmins());
  if (admins <= 1)
    return Error::FailedPrecondition("'" + u.handle + "' is the last active admin and cannot be " +
                                     std::string(change) +
                                     ": make another user admin first (warroom user permission)");
  return Success();
}

}  // namespace

UserService::UserService(store::Store& store, std::shared_ptr<const Clock> clock, bool cache_tokens)
    : store_(store), clock_(std::move(clock)), cache_tokens_(cache_tokens) {
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
    u.permission = Permission::kAdmin;
    u.created_at = clock_->Now();
    WARROOM_RETURN_IF_ERROR(tx.InsertUser(u));
    std::string token = NewTokenSecret();
    store::ApiToken t{0, handle, "first admin", Permission::kAdmin, u.created_at, {}, {}, {}};
    WARROOM_ASSIGN_OR_RETURN(t.id, tx.InsertToken(TokenDigest(token), t));
    issued = IssuedToken{handle, token, t};
    return Success();
  });
  if (!r.ok()) return r.error();
  return issued;
}

void UserService::Invalidate() {
  {
    std::lock_guard lock(mu_);
    cache_.clear();
    ++generation_;
  }
  if (bus_) bus_->Publish(ChangeKind::kUsers);
}

void UserService::MaybeTouch(Cached& entry, TimePoint now) {
  // To the hour: a token in use costs one write an hour, not one per request.
  if (entry.last_used_at && now - *entry.last_used_at < std::chrono::hours(1)) return;
  entry.last_used_at = now;
  std::int64_t id = entry.caller.token_id;
  store_.Write([id, now](store::WriteTx& tx) { return tx.TouchTokens({id}, now); },
               [](Outcome) {});  // best effort: a full queue or a closing store skips one
}

void UserService::Authenticate(const std::string& token, std::function<void(Result<Caller>)> done) {
  if (!LooksLikeToken(token)) return done(NotValid());
  store::Hash digest = TokenDigest(token);
  std::string key(reinterpret_cast<const char*>(digest.data()), digest.size());
  TimePoint now = clock_->Now();
  std::uint64_t generation;
  std::optional<Result<Caller>> hit;  // answered outside the lock
  {
    std::lock_guard lock(mu_);
    generation = generation_;
    auto it = cache_tokens_ ? cache_.find(key) : cache_.end();
    // The map finds by hash; the final comparison is constant-time.
    if (it != cache_.end() &&
        crypto_verify_32(reinterpret_cast<const unsigned char*>(it->first.data()), digest.data()) ==
            0) {
      if (it->second.expires_at && now >= *it->second.expires_at) {
        cache_.erase(it);
        hit = NotValid();
      } else {
        MaybeTouch(it->second, now);
        hit = it->second.caller;
      }
    }
  }
  if (hit) return done(std::move(*hit));
  auto found = std::make_shared<std::optional<store::TokenGrant>>();
  store_.Read(
      [digest, found](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*found, tx.FindTokenByDigest(digest));
        return Success();
      },
      [this, key, found, now, generation, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        if (!*found || !Live(**found, now)) return done(NotValid());
        const auto& g = **found;
        Cached entry{Caller{g.user.handle, Effective(g.token.scope, g.user.permission), g.token.id,
                            g.token.expires_at},
                     g.token.expires_at, g.token.last_used_at};
        entry.caller.publish_public = g.user.publish_public;
        {
          std::lock_guard lock(mu_);
          // A change since the read started may have taken this token's power away.
          if (cache_tokens_ && generation == generation_) {
            auto& cached = cache_[key];
            cached = entry;
            MaybeTouch(cached, now);
          } else {
            MaybeTouch(entry, now);
          }
        }
        done(entry.caller);
      });
}

void UserService::CreateUser(const Caller& caller, store::User user,
                             std::function<void(Result<IssuedToken>)> done) {
  if (!caller.IsAdmin()) return done(Error::PermissionDenied("creating users is for admins"));
  if (user.name.empty()) user.name = user.handle;
  if (auto r = CheckUser(user); !r.ok()) return done(r.error());
  user.created_at = clock_->Now();
  user.disabled_at.reset();
  auto token = std::make_shared<std::string>(NewTokenSecret());
  auto record = std::make_shared<store::ApiToken>(store::ApiToken{
      0, user.handle, "created with user", user.permission, user.created_at, {}, {}, {}});
  store_.Write(
      [caller, user, token, record](store::WriteTx& tx) -> Outcome {
        WARROOM_RETURN_IF_ERROR(tx.InsertUser(user));
        WARROOM_ASSIGN_OR_RETURN(record->id, tx.InsertToken(TokenDigest(*token), *record));
        return RecordTokenShownOnce(tx, caller, *record);
      },
      [handle = user.handle, token, record, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        done(IssuedToken{handle, *token, *record});
      });
}

void UserService::IssueToken(const Caller& caller, const std::string& handle, TokenRequest req,
                             std::function<void(Result<IssuedToken>)> done) {
  if (auto r = CheckHandle(handle); !r.ok()) return done(r.error());
  if (!caller.IsAdmin() && caller.handle != handle)
    return done(Error::PermissionDenied("issuing a token for another user is for admins"));
  if (auto r = CheckText("label", req.label, UserLimits::kLabel); !r.ok()) return done(r.error());
  // A token never mints one with more power than it has itself.
  if (req.scope && *req.scope > caller.permission)
    return done(Error::PermissionDenied(
        "a token with scope '" + std::string(store::ScopeName(caller.permission)) +
        "' cannot issue one with scope '" + std::string(store::ScopeName(*req.scope)) + "'"));
  TimePoint now = clock_->Now();
  std::optional<TimePoint> expires_at;
  if (req.expires_at && req.expires_in)
    return done(Error::InvalidArgument("give 'expires_at' or 'expires_in', not both"));
  if (req.expires_in) {
    if (req.expires_in->count() <= 0 || *req.expires_in > UserLimits::kMaxTokenLifetime)
      return done(Error::InvalidArgument("'expires_in' must be more than 0 and at most 3660d"));
    expires_at = now + *req.expires_in;
  }
  if (req.expires_at) {
    if (*req.expires_at <= now)
      return done(Error::InvalidArgument("'expires_at' must be in the future (now is " +
                                         FormatTime(now) + ")"));
    if (*req.expires_at - now > UserLimits::kMaxTokenLifetime)
      return done(Error::InvalidArgument("'expires_at' must be at most 3660 days from now"));
    expires_at = req.expires_at;
  }
  // A token that expires cannot extend itself: what it mints expires with it
  // at the latest (a leaked short-lived token must not become a lasting one).
  if (!caller.IsAdmin() && caller.token_expires_at) {
    if (!expires_at) {
      expires_at = caller.token_expires_at;
    } else if (*expires_at > *caller.token_expires_at) {
      return done(Error::PermissionDenied(
          "this token expires at " + FormatTime(*caller.token_expires_at) +
          ": it cannot issue one that lives longer (ask an admin, or sign in with a longer-lived "
          "token)"));
    }
  }
  auto token = std::make_shared<std::string>(NewTokenSecret());
  auto record = std::make_shared<store::ApiToken>(
      store::ApiToken{0, handle, req.label, Permission::kViewer, now, expires_at, {}, {}});
  Permission caller_permission = caller.permission;
  std::optional<Permission> scope = req.scope;
  store_.Write(
      [caller, handle, token, record, scope, caller_permission](store::WriteTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto u, tx.FindUser(handle));
        if (!u) return Error::NotFound("no user '" + handle + "'");
        if (u->disabled_at)
          return Error::FailedPrecondition(
              "'" + handle + "' is disabled: enable them first (warroom user enable)");
        if (scope && *scope > u->permission)
          return Error::InvalidArgument("'scope' " + std::string(store::ScopeName(*scope)) +
                                        " is more than " + handle + "'s permission (" +
                                        std::string(store::PermissionName(u->permission)) +
                                        "): their tokens can have at most scope '" +
                                        std::string(store::ScopeName(u->permission)) + "'");
        record->scope = scope.value_or(Effective(u->permission, caller_permission));
        WARROOM_ASSIGN_OR_RETURN(record->id, tx.InsertToken(TokenDigest(*token), *record));
        return RecordTokenShownOnce(tx, caller, *record);
      },
      [handle, token, record, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        done(IssuedToken{handle, *token, *record});
      });
}

void UserService::ListUsers(const Caller& caller,
                            std::function<void(Result<std::vector<UserView>>)> done) {
  auto out = std::make_shared<std::vector<store::User>>();
  store_.Read(
      [out](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*out, tx.ListUsers());
        return Success();
      },
      [caller, out, done = std::move(done)](Outcome r) {
        if (!r.ok()) return done(r.error());
        std::vector<UserView> views;
        for (auto& u : *out) views.push_back(ViewFor(caller, std::move(u)));
        done(std::move(views));
      });
}

void UserService::ListTokens(const Caller& caller, const std::string& handle,
                             std::function<void(Result<std::vector<store::ApiToken>>)> done) {
  if (handle.empty() && !caller.IsAdmin())
    return done(Error::PermissionDenied("listing every user's tokens is for admins"));
  if (!handle.empty()) {
    if (auto r = CheckHandle(handle); !r.ok()) return done(r.error());
    if (!caller.IsAdmin() && caller.handle != handle)
      return done(Error::PermissionDenied("listing another user's tokens is for admins"));
  }
  auto out = std::make_shared<std::vector<store::ApiToken>>();
  store_.Read(
      [handle, out](store::ReadTx& tx) -> Outcome {
        if (!handle.empty()) {
          WARROOM_ASSIGN_OR_RETURN(auto u, tx.FindUser(handle));
          if (!u) return Error::NotFound("no user '" + handle + "'");
        }
        WARROOM_ASSIGN_OR_RETURN(*out, tx.ListTokens(handle));
        return Success();
      },
      [out, done = std::move(done)](Outcome r) { Reply(std::move(r), *out, done); });
}

void UserService::RevokeToken(const Caller& caller, std::int64_t id,
                              std::function<void(Result<store::ApiToken>)> done) {
  auto out = std::make_shared<std::optional<store::ApiToken>>();
  TimePoint now = clock_->Now();
  store_.Write(
      [caller, id, now, out](store::WriteTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto t, tx.FindToken(id));
        // Another user's token is not found, so ids reveal nothing.
        if (!t || (!caller.IsAdmin() && t->handle != caller.handle))
          return Error::NotFound("no token " + std::to_string(id) +
                                 (caller.IsAdmin() ? "" : " of yours") +
                                 " (see warroom token list)");
        WARROOM_RETURN_IF_ERROR(tx.RevokeToken(id, now));
        t->revoked_at = now;
        *out = std::move(t);
        return RecordAnswer(tx, caller, **out);
      },
      [this, out, done = std::move(done)](Outcome r) {
        if (r.ok()) Invalidate();
        Reply(std::move(r), *out, done);
      });
}

void UserService::SetDisabled(const Caller& caller, const std::string& handle, bool disabled,
                              std::function<void(Result<UserView>)> done) {
  if (!caller.IsAdmin())
    return done(Error::PermissionDenied("disabling and enabling users is for admins"));
  if (auto r = CheckHandle(handle); !r.ok()) return done(r.error());
  auto out = std::make_shared<std::optional<UserView>>();
  TimePoint now = clock_->Now();
  store_.Write(
      [caller, handle, disabled, now, out](store::WriteTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto u, tx.FindUser(handle));
        if (!u) return Error::NotFound("no user '" + handle + "'");
        // Idempotent: disabling a disabled user keeps when it happened.
        if (disabled && !u->disabled_at) {
          WARROOM_RETURN_IF_ERROR(KeepAnAdmin(tx, *u, "disabled"));
          WARROOM_RETURN_IF_ERROR(tx.SetUserDisabled(handle, now));
          // Their browser sessions end for good: enabling them again does
          // not sign anyone back in.
          WARROOM_ASSIGN_OR_RETURN(auto ended, tx.RevokeSessions(handle, now));
          (void)ended;
          u->disabled_at = now;
        } else if (!disabled && u->disabled_at) {
          WARROOM_RETURN_IF_ERROR(tx.SetUserDisabled(handle, std::nullopt));
          u->disabled_at.reset();
        }
        *out = ViewFor(caller, std::move(*u));
        return RecordAnswer(tx, caller, **out);
      },
      [this, out, done = std::move(done)](Outcome r) {
        if (r.ok()) Invalidate();
        Reply(std::move(r), *out, done);
      });
}

void UserService::SetPermission(const Caller& caller, const std::string& handle, Permission p,
                                std::function<void(Result<UserView>)> done) {
  if (!caller.IsAdmin())
    return done(Error::PermissionDenied("changing a user's permission is for admins"));
  if (auto r = CheckHandle(handle); !r.ok()) return done(r.error());
  auto out = std::make_shared<std::optional<UserView>>();
  store_.Write(
      [caller, handle, p, out](store::WriteTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto u, tx.FindUser(handle));
        if (!u) return Error::NotFound("no user '" + handle + "'");
        if (p != Permission::kAdmin) WARROOM_RETURN_IF_ERROR(KeepAnAdmin(tx, *u, "demoted"));
        WARROOM_RETURN_IF_ERROR(tx.SetUserPermission(handle, p));
        u->permission = p;
        *out = ViewFor(caller, std::move(*u));
        return RecordAnswer(tx, caller, **out);
      },
      [this, out, done = std::move(done)](Outcome r) {
        if (r.ok()) Invalidate();
        Reply(std::move(r), *out, done);
      });
}

void UserService::UpdateUser(const Caller& caller, const std::string& handle, UserChange change,
                             std::function<void(Result<UserView>)> done) {
  if (!caller.IsAdmin()) return done(Error::PermissionDenied("changing a user is for admins"));
  if (auto r = CheckHandle(handle); !r.ok()) return done(r.error());
  if (change.Empty())
    return done(Error::InvalidArgument(
        "nothing to change: give name, email, chat_handle, slack_member_id, phone, permission or "
        "publish_public"));
  auto out = std::make_shared<std::optional<UserView>>();
  store_.Write(
      [caller, handle, change, out](store::WriteTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto u, tx.FindUser(handle));
        if (!u) return Error::NotFound("no user '" + handle + "'");
        if (change.permission && *change.permission != u->permission) {
          if (*change.permission != Permission::kAdmin)
            WARROOM_RETURN_IF_ERROR(KeepAnAdmin(tx, *u, "demoted"));
          WARROOM_RETURN_IF_ERROR(tx.SetUserPermission(handle, *change.permission));
          u->permission = *change.permission;
        }
        if (change.publish_public && *change.publish_public != u->publish_public) {
          WARROOM_RETURN_IF_ERROR(tx.SetUserPublishPublic(handle, *change.publish_public));
          u->publish_public = *change.publish_public;
        }
        if (change.name) u->name = *change.name;
        if (change.email) u->email = *change.email;
        if (change.chat_handle) u->chat_handle = *change.chat_handle;
        if (change.slack_member_id) u->slack_member_id = *change.slack_member_id;
        if (change.phone) u->phone = *change.phone;
        WARROOM_RETURN_IF_ERROR(CheckUser(*u));  // the bounds a new user's fields have
        WARROOM_RETURN_IF_ERROR(tx.UpdateUserContact(*u));
        *out = ViewFor(caller, std::move(*u));
        return RecordAnswer(tx, caller, **out);
      },
      [this, out, power = change.permission.has_value() || change.publish_public.has_value(),
       done = std::move(done)](Outcome r) {
        // Cached tokens carry what their user may do.
        if (r.ok() && power) Invalidate();
        Reply(std::move(r), *out, done);
      });
}

}  // namespace warroom::engine
