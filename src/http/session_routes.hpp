#pragma once

// Browser sign-in: /api/v1/sessions... and a user's sessions, password and
// sign-in links under /api/v1/users/{handle}/... (docs/api.md, "Signing
// in from a browser").

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

// Registers them. A new session's answer
// sets its cookie and carries its CSRF token, shown only then.
void AddSessionRoutes(Router& r, const ApiServices& s);

}  // namespace warroom::http
