#pragma once

// The users and API tokens: /api/v1/me, /api/v1/users... and
// /api/v1/tokens... (docs/api.md, "Users and tokens").

#include <boost/json.hpp>

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

// Registers them. Contact details are answered only to admins and the user
// themselves; a token's secret only once, when it is issued (201).
void AddUserRoutes(Router& r, const ApiServices& s);

// A user and a token as the API answers them (the people page shows the same).
boost::json::object UserJson(const engine::UserView& v);
boost::json::object TokenJson(const store::ApiToken& t, TimePoint now);

}  // namespace warroom::http
