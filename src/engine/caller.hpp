#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/time.hpp"
#include "store/records.hpp"

namespace warroom::engine {

class RequestScope;

// Who is calling, as authenticated by an API token or a browser session.
struct Caller {
  std::string handle;
  // The effective permission: the token's scope intersected with its user's
  // permission (viewer < responder < admin). Every check reads this, so a
  // read-scoped token of an admin acts as a viewer.
  store::Permission permission = store::Permission::kViewer;
  std::int64_t token_id = 0;  // the token's public id (0: warroom itself, an integration)
  // When the calling token expires (none: it lives until revoked). A token
  // never mints one that outlives it, unless its user is an admin.
  std::optional<TimePoint> token_expires_at = std::nullopt;
  // The request's Idempotency-Key, when it has one: the service that
  // applies the request records its answer there (engine/request_scope.hpp).
  std::shared_ptr<RequestScope> request = nullptr;
  // The browser session that signed the request in (0: a bearer token).
  // Such a request changes nothing without its CSRF token and a same-origin
  // Origin (the HTTP layer checks both).
  std::int64_t session_id = 0;
  // The user holds the publish-public permission (store::User).
  bool publish_public = false;
  bool IsAdmin() const { return permission == store::Permission::kAdmin; }
  bool CanRespond() const { return permission != store::Permission::kViewer; }
  // May post to the public status page: admins, and responders granted
  // publish-public (a read-scoped token of theirs may not).
  bool CanPublish() const { return IsAdmin() || (publish_public && CanRespond()); }
};

// What a token of `scope` held by a user with `user` permission may do.
inline store::Permission Effective(store::Permission scope, store::Permission user) {
  return std::min(scope, user);  // the enum is ordered viewer < responder < admin
}

}  // namespace warroom::engine
