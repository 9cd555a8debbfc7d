#pragma once

#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/alerts/alert.hpp"
#include "ingest/headers.hpp"

namespace warroom::ingest::grafana {

// Grafana's unified alerting webhook contact point: Alertmanager's shape
// (alertmanager/webhook_shape.hpp) with `version` "1", plus `title`,
// `state`, `message`, `orgId`, and per alert `values`, `valueString`,
// `silenceURL`, `dashboardURL`, `panelURL`, `imageURL`. The URLs (http(s)
// only) and the values (as a string of their JSON) are kept with the
// annotations as silence_url, dashboard_url, panel_url, image_url, values;
// the rest is ignored. Success and failure as alertmanager::Translate's,
// naming "Grafana webhook contact point (version 1)". Its signature, when
// configured, is the ingest service's to check (it needs the integration).
Result<std::vector<core::Alert>> Translate(std::string_view body, const Headers& headers,
                                           TimePoint now);

}  // namespace warroom::ingest::grafana
