#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/alerts/alert.hpp"
#include "http/api_routes.hpp"
#include "http/types.hpp"
#include "ingest/headers.hpp"
#include "ingest/reply.hpp"

namespace warroom::http {

// What every ingest endpoint shares.

// A sender's translator (ingest/<sender>/translate.hpp).
using WebhookTranslate = Result<std::vector<core::Alert>> (*)(std::string_view body,
                                                              const ingest::Headers& headers,
                                                              TimePoint now);

// Registers POST /api/v1/ingest/<type> (the key as a bearer token:
// Alertmanager's http_config, Grafana's authorization header) and
// /api/v1/ingest/<type>/{key} (the key in the path). Each needs a JSON body,
// translates it on the network thread, hands the alerts to the ingest
// service and answers ingest/webhook_reply.hpp's 200, or the service's error
// (a wrong key, a bad payload, 503 with Retry-After when overloaded:
// Alertmanager retries only 5xx) as a problem document.
void AddWebhookEndpoint(Router& r, const ApiServices& s, const std::string& type,
                        WebhookTranslate translate);

// The request's header fields, viewing `req` (valid while it is).
ingest::Headers HeadersOf(const Request& req);

// A sender's reply as an HTTP response.
Response SenderReply(const ingest::Reply& reply, unsigned version);

}  // namespace warroom::http
