#pragma once

#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/alerts/alert.hpp"
#include "ingest/headers.hpp"

namespace warroom::ingest::generic {

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
// does (match_open). A resolved report without ends_at ends `now`. Unknown
// fields are ignored. Success: one alert per entry, in order;
// kInvalidArgument names every problem with its place ("alerts[2].key is
// required"); nothing partial. Answered with ingest/webhook_reply.hpp,
// refused with a problem document.
Result<std::vector<core::Alert>> Translate(std::string_view body, const Headers& headers,
                                           TimePoint now);

inline constexpr std::size_t kMaxGenericAlerts = 1000;

}  // namespace warroom::ingest::generic
