#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "store/records.hpp"

namespace warroom::store {

// A browser's signed-in session. The cookie's secret is stored only as its
// digest; the session ends at `expires_at` (absolute), after an idle spell
// (since `last_seen_at`, decided by the engine), or when revoked.
struct WebSession {
  std::int64_t id = 0;  // public: listed and revoked by it
  std::string handle;
  TimePoint created_at;
  TimePoint last_seen_at;
  TimePoint expires_at;
  std::optional<TimePoint> revoked_at;
  std::string client;      // the address it signed in from
  std::string user_agent;  // as the browser said, cut to a bound
};

struct SessionGrant {
  WebSession session;
  User user;
};

// A one-time sign-in link (the first admin's, a password reset's): its
// secret stored as a digest, good once until it expires.
struct SignInLink {
  std::string handle;
  TimePoint created_at;
  TimePoint expires_at;
  std::optional<TimePoint> used_at;
};

// Failed sign-ins counted under a key ("account:alice", "client:192.0.2.7"),
// which slow the next attempts; forgotten after a quiet spell.
struct SignInFailures {
  std::int64_t failures = 0;
  TimePoint last_failed_at;
};

class SessionReads {
 public:
  virtual ~SessionReads() = default;
  // The session with this digest and its user, revoked or expired alike
  // (the engine decides what is live).
  virtual Result<std::optional<SessionGrant>> FindSessionByDigest(const Hash& digest) = 0;
  // One user's sessions, newest first; revoked ones too.
  virtual Result<std::vector<WebSession>> ListSessions(const std::string& handle) = 0;
  // A user's password hash; empty when none is set. kNotFound for an
  // unknown handle.
  virtual Result<std::string> FindPasswordHash(const std::string& handle) = 0;
  virtual Result<std::optional<SignInFailures>> FindSignInFailures(const std::string& key) = 0;
  virtual Result<std::optional<SignInLink>> FindSignInLink(const Hash& digest) = 0;
};

class SessionWrites {
 public:
  virtual ~SessionWrites() = default;
  // Stores a session (its id and revoked_at are ignored) and answers its new
  // id (1, 2, ...). kConflict for an unknown user or a digest already stored.
  virtual Result<std::int64_t> InsertSession(const Hash& digest, const WebSession& s) = 0;
  // Records a use: last_seen_at (an unknown id is ignored).
  virtual Outcome TouchSession(std::int64_t id, TimePoint at) = 0;
  // Sets revoked_at; kNotFound for an unknown id, kFailedPrecondition when
  // it is already revoked.
  virtual Outcome RevokeSession(std::int64_t id, TimePoint at) = 0;
  // Revokes every live session of a user (signed out everywhere, disabled,
  // password reset); answers how many.
  virtual Result<std::int64_t> RevokeSessions(const std::string& handle, TimePoint at) = 0;
  // Forgets sessions that ended (expired or revoked) before `before`, and
  // sign-in links that expired before it; answers how many rows went.
  virtual Result<std::int64_t> ForgetSessions(TimePoint before) = 0;
  // Sets (or, empty, clears) a user's password hash; kNotFound for an
  // unknown handle.
  virtual Outcome SetPasswordHash(const std::string& handle, const std::string& hash) = 0;
  // Counts one failure under `key` at `at`, starting again from one when
  // the last was before `reset_before`.
  virtual Outcome RecordSignInFailure(const std::string& key, TimePoint at,
                                      TimePoint reset_before) = 0;
  virtual Outcome ClearSignInFailures(const std::string& key) = 0;
  // kConflict for an unknown user or a digest already stored.
  virtual Outcome InsertSignInLink(const Hash& digest, const SignInLink& link) = 0;
  // Marks the link used at `at` and answers its user: kNotFound when there
  // is no such link, kFailedPrecondition when it was used or has expired
  // (it cannot be used twice, even by two instances at once).
  virtual Result<std::string> UseSignInLink(const Hash& digest, TimePoint at) = 0;
};

}  // namespace warroom::store
