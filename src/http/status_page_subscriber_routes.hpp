#pragma once

#include <boost/json.hpp>

#include "http/api_services.hpp"
#include "http/router.hpp"

namespace warroom::http {

// Subscribing to the public status page, without signing in (on the main
// listener and on --status-page-listen):
//   GET  /status/subscribe                    the form (HTML; no script)
//   POST /status/subscribe                    the form's answer (HTML)
//   GET  /status/subscriptions/confirm?token= a page with a button
//   POST /status/subscriptions/confirm        confirms (HTML)
//   GET  /status/subscriptions/unsubscribe?token=  a page with a button
//   POST /status/subscriptions/unsubscribe?token=  leaves (HTML; RFC 8058
//        one-click: mail clients POST List-Unsubscribe=One-Click to it)
//   POST /api/v2/subscriptions{,/confirm,/unsubscribe}  the same in JSON
// A GET never uses a token: mail scanners open links before people do.
// Without subscriptions configured they answer 404.
void AddStatusPageSubscriptionRoutes(Router& r, const ApiServices& s);

// Publishers' management of subscribers (/api/v1/status-page/subscribers).
void AddStatusPageSubscriberAdminRoutes(Router& r, const ApiServices& s);

// A subscriber as publishers read it (the API's Subscriber schema).
boost::json::object SubscriberJson(const store::Subscriber& s);

}  // namespace warroom::http
