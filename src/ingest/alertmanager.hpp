#pragma once

#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/records.hpp"

namespace warroom::ingest {

// Prometheus Alertmanager's webhook payload, version 4: `status`, `alerts[]`
// (`status`, `labels`, `annotations`, `startsAt`, `endsAt`, `generatorURL`,
// `fingerprint`), `groupKey`, `groupLabels`, `commonLabels`,
// `truncatedAlerts`, ... Fields it does not know are ignored (newer senders
// add `notification_reason`, `routeLabels`). A firing alert's `endsAt` is
// 0001-01-01T00:00:00Z: no end. Returns one record per alert, stamped `now`
// as seen, or an error naming what is wrong (nothing partial).
Result<std::vector<store::AlertRecord>> ParseAlertmanager(std::string_view body,
                                                          const std::string& integration,
                                                          TimePoint now);

// Grafana's unified alerting webhook contact point: the same shape with
// `version` "1", plus `title`, `state`, `message` and per-alert `values`,
// `silenceURL`, `dashboardURL`, `panelURL`, `imageURL` (kept with the
// annotations as values, silence_url, dashboard_url, panel_url, image_url).
Result<std::vector<store::AlertRecord>> ParseGrafana(std::string_view body,
                                                     const std::string& integration, TimePoint now);

}  // namespace warroom::ingest
