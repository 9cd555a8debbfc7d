#pragma once

#include "http/api_routes.hpp"

namespace warroom::http {

// Registers PagerDuty Events API v2 at PagerDuty's own path, POST
// /v2/enqueue, and at /api/v1/ingest/pagerduty: anything that can page
// PagerDuty (Alertmanager's pagerduty_config with `url`, libraries,
// scripts) can page warroom unchanged. The routing key in the event is the
// integration key. Answers in PagerDuty's shapes (ingest/pagerduty/reply.hpp):
// 202 success, 400 invalid event (read before the key is checked, as
// PagerDuty does), 429 throttle event; anything else as a problem document.
void AddPagerDutyEndpoint(Router& r, const ApiServices& s);

}  // namespace warroom::http
