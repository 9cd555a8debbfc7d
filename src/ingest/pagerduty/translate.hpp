#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/alerts/alert.hpp"
#include "ingest/headers.hpp"

namespace warroom::ingest::pagerduty {

// One PagerDuty Events API v2 event (POST /v2/enqueue), read: `routing_key`,
// `event_action` (trigger, acknowledge, resolve), `dedup_key`, `client`,
// `client_url`, `links`, `images` and, to trigger, `payload` (`summary`,
// `source`, `severity` of critical/error/warning/info, `timestamp`,
// `component`, `group`, `class`, `custom_details`). Links and images are
// ignored; custom_details become the annotations (nested values kept as
// structured); severity, source, component, group and class the labels.
struct Event {
  std::string routing_key;  // the integration key
  std::string dedup_key;    // given, or made up for a trigger without one
  core::Alert alert;        // match_open: PagerDuty sends no start
  // Every problem in PagerDuty's words (answered with reply.hpp's Invalid);
  // the event is good when it is empty.
  std::vector<std::string> errors;
  bool ok() const { return errors.empty(); }
};

// Reads an event. `new_dedup_key` is called for a trigger without one (and
// only then). Never fails otherwise: a bad event has its `errors`.
Event Translate(std::string_view body, const Headers& headers, TimePoint now,
                const std::function<std::string()>& new_dedup_key);

}  // namespace warroom::ingest::pagerduty
