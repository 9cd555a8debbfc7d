#pragma once

#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/alerts/alert.hpp"

namespace warroom::ingest {

// Alertmanager's webhook (version 4) and Grafana's contact point (version 1)
// send one shape: `version`, `groupKey`, `alerts[]` of `status`, `labels`,
// `annotations`, `startsAt`, `endsAt`, `generatorURL`, `fingerprint`, and
// more that warroom does not need. They differ in the version and a few
// extra fields per alert that Grafana adds. This is the shared reader; each
// sender's Translate (alertmanager/translate.hpp, grafana/translate.hpp)
// names its shape.
struct WebhookShape {
  const char* sender;   // for messages
  const char* version;  // the payload's `version`
  const char* advice;   // how to get a sender that sends it
  bool grafana_extras;  // values, silenceURL, dashboardURL, panelURL, imageURL
};

// Reads `body` as `shape`: one alert per entry of `alerts`, or
// kInvalidArgument naming the sender, its version and what is wrong (nothing
// partial). Fields it does not know are ignored. A firing alert's `endsAt`
// of 0001-01-01T00:00:00Z is no end. Times are bounded (alert_times.hpp)
// against `now`. Alerts without a fingerprint (older senders) are keyed by
// their label set ("labels:" + the labels as JSON).
Result<std::vector<core::Alert>> ReadWebhook(const WebhookShape& shape, std::string_view body,
                                             TimePoint now);

}  // namespace warroom::ingest
