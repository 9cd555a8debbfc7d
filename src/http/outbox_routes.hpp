#pragma once

// The notification outbox, for admins: GET /api/v1/outbox (filtered),
// GET /api/v1/outbox/{id} (with its attempts) and
// POST /api/v1/outbox/{id}/retry.

#include <boost/json.hpp>

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

// Registers the three, admin scope. A bad filter or id is 400; the
// dispatcher's errors (an unknown message, one it will not retry) go
// through Problem.
void AddOutboxRoutes(Router& r, const ApiServices& s);

// A message as the API answers it (the outbox page shows the same).
boost::json::object OutboxJson(const store::OutboxMessage& m);

}  // namespace warroom::http
