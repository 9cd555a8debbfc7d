#pragma once

#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/alerts/alert.hpp"
#include "ingest/headers.hpp"

namespace warroom::ingest::alertmanager {

// Prometheus Alertmanager's webhook_config payload, version 4 (Alertmanager
// 0.x and later): `status`, `alerts[]` (`status`, `labels`, `annotations`,
// `startsAt`, `endsAt`, `generatorURL`, `fingerprint`), `groupKey`,
// `groupLabels`, `commonLabels`, `truncatedAlerts`, ... Fields it does not
// know are ignored (newer senders add `notification_reason`, `routeLabels`);
// alerts that `truncatedAlerts` says were left out are not invented.
// Success: one alert per entry, in order, grouped by `groupKey` (the
// alertname without one). kInvalidArgument names what is wrong ("not an
// Alertmanager webhook (version 4) payload: ..."); nothing partial.
// Answered with ingest/webhook_reply.hpp, refused with a problem document.
Result<std::vector<core::Alert>> Translate(std::string_view body, const Headers& headers,
                                           TimePoint now);

}  // namespace warroom::ingest::alertmanager
