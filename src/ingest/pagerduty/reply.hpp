#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "ingest/reply.hpp"

namespace warroom::ingest::pagerduty {

// PagerDuty's own answers (Events API v2), so that anything that pages
// PagerDuty reads warroom's the same way.

// 202 {"status": "success", "message": "Event processed", "dedup_key": ...}.
Reply Accepted(const std::string& dedup_key);

// 400 {"status": "invalid event", "message": "Event object is invalid",
// "errors": [...]}: a bad event, or a bad routing key.
Reply Invalid(const std::vector<std::string>& errors);

// The ingest service's refusal in PagerDuty's shape: a wrong or disabled key
// is an invalid event ("Invalid routing key"), a bad report an invalid event
// with its message, an overload 429 {"status": "throttle event", ...} with
// Retry-After: 1. nullopt for anything else (answered as a problem document).
std::optional<Reply> Refusal(const Error& e);

}  // namespace warroom::ingest::pagerduty
