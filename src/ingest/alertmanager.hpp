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

}  // namespace warroom::ingest
