#pragma once

#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/records.hpp"

namespace warroom::ingest {

// warroom's own alert format, for senders that speak neither Alertmanager,
// Grafana nor PagerDuty (docs/api.md, "Generic alerts"):
//
//   {"alerts": [{"key": "disk-full/db-1",        required: identifies the alert
//                "status": "firing",              firing (default) or resolved
//                "summary": "Disk full on db-1",  required when firing
//                "group": "db-disk",              default: the key
//                "labels": {"severity": "critical"},
//                "annotations": {"runbook": "..."},   string values
//                "starts_at": "2026-02-12T14:10:00Z", default: the open alert
//                "ends_at": "...", "source_url": "..."}]}
//
// At most 1000 alerts a request. Without starts_at a report belongs to the
// open alert with the same key (or starts one), as PagerDuty's dedup_key
// does. Unknown fields are ignored; every problem is named with its place.
Result<std::vector<store::AlertRecord>> ParseGeneric(std::string_view body,
                                                     const std::string& integration, TimePoint now);

inline constexpr std::size_t kMaxGenericAlerts = 1000;

}  // namespace warroom::ingest
