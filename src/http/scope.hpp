#pragma once

// The token scope each route needs, written once where the route is
// registered (Router::Add) and enforced by the router.

#include <optional>
#include <string_view>

#include "store/records.hpp"

namespace warroom::http {

enum class Scope {
  kPublic,       // no token: /healthz and /readyz only
  kRead,         // any user's token (viewer and up)
  kRespond,      // incident work: responders and admins
  kAdmin,        // users, integrations, the outbox, the simulated clock
  kIntegration,  // an integration's key (the ingest endpoints), not a user's token
  kSignIn,       // no token: a handle and password, or a one-time link, open a session
  kPage,         // a web page for any signed-in user; without a session, the sign-in page
};

// "public", "read", "respond", "admin", "integration", "sign-in", "page".
std::string_view ScopeName(Scope s);

// The least (effective) user permission a scope needs; none for public,
// integration and sign-in routes, which take no user token.
std::optional<store::Permission> RequiredPermission(Scope s);

}  // namespace warroom::http
