#pragma once

#include <optional>
#include <string_view>

namespace warroom::core {

// Which kind of sender an integration is: the translator its alerts go
// through (src/ingest/<sender>/) and the endpoint they are posted to
// (/api/v1/ingest/<name>). Stored and answered (an integration's "type") by
// the names below.
enum class Sender {
  kAlertmanager,  // "alertmanager": Prometheus Alertmanager's webhook (0.25+)
  kGrafana,       // "grafana": Grafana alerting's webhook contact point
  kPagerDuty,     // "pagerduty": PagerDuty Events API v2 events
  kGeneric,       // "generic": warroom's own JSON shape, for anything else
};

std::string_view SenderName(Sender s);
std::optional<Sender> ParseSender(std::string_view s);

}  // namespace warroom::core
