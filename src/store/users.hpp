#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "store/records.hpp"

namespace warroom::store {

// Users and their API tokens (stored as digests of the secret only).
class UserReads {
 public:
  virtual ~UserReads() = default;
  virtual Result<std::optional<User>> FindUser(const std::string& handle) = 0;
  // Every user, by handle.
  virtual Result<std::vector<User>> ListUsers() = 0;
  // The token with this digest and its user, revoked, expired or disabled
  // alike (the engine decides what is live).
  virtual Result<std::optional<TokenGrant>> FindTokenByDigest(const Hash& digest) = 0;
  virtual Result<std::optional<ApiToken>> FindToken(std::int64_t id) = 0;
  // One user's tokens, or every token when `handle` is empty, oldest first.
  virtual Result<std::vector<ApiToken>> ListTokens(const std::string& handle) = 0;
  virtual Result<std::int64_t> CountUsers() = 0;
  // Admins who are not disabled.
  virtual Result<std::int64_t> CountActiveAdmins() = 0;
};

class UserWrites {
 public:
  virtual ~UserWrites() = default;
  // kAlreadyExists when the handle is taken.
  virtual Outcome InsertUser(const User& u) = 0;
  // Stores a token (its id, last_used_at and revoked_at are ignored) and
  // answers its new id (1, 2, ...). kConflict for an unknown user or a
  // digest already stored.
  virtual Result<std::int64_t> InsertToken(const Hash& digest, const ApiToken& t) = 0;
  // Sets revoked_at; kNotFound for an unknown id, kFailedPrecondition when it
  // is already revoked.
  virtual Outcome RevokeToken(std::int64_t id, TimePoint at) = 0;
  // Records uses of tokens: last_used_at of each id (unknown ids are ignored).
  virtual Outcome TouchTokens(const std::vector<std::int64_t>& ids, TimePoint at) = 0;
  // Disables (a time) or enables (nullopt); kNotFound for an unknown handle.
  virtual Outcome SetUserDisabled(const std::string& handle, std::optional<TimePoint> at) = 0;
  // kNotFound for an unknown handle.
  virtual Outcome SetUserPermission(const std::string& handle, Permission p) = 0;
  // Grants or takes the publish-public permission; kNotFound for an unknown handle.
  virtual Outcome SetUserPublishPublic(const std::string& handle, bool publish) = 0;
  // Sets what a user may change of themselves or an admin of anyone: name,
  // email, chat handle, Slack member id, phone (never the handle, the
  // permission or whether they are disabled). kNotFound for an unknown
  // handle.
  virtual Outcome UpdateUserContact(const User& u) = 0;
};

}  // namespace warroom::store
