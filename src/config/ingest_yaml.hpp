#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/policy_yaml.hpp"
#include "core/alerts/routing.hpp"
#include "core/alerts/signature_check.hpp"

namespace warroom::config {

struct IngestConfig {
  core::AlertRouting routing;
  std::map<std::string, core::SignatureCheck> signatures;  // by integration name
  std::vector<Problem> problems;                           // empty when usable
};

// Reads the `alert_routing` and `integrations` sections of the config file:
//
//   alert_routing:
//     recurrence_window: 1h
//     routes:                      # in order; the first that matches wins
//       - name: critical
//         matchers: ['severity="critical"', 'env!="staging"', 'team=~"db|storage"']
//         action: declare          # declare | attach | triage
//         severity: P0             # or classify; or severity_label + severity_map
//         default_severity: P2     # when the label or annotation says nothing
//         source: automated-monitoring   # or security-alert (restricted)
//   integrations:
//     grafana-prod:
//       signature_secret_env: GRAFANA_WEBHOOK_SECRET   # or signature_secret_file
//       signature_header: X-Grafana-Alerting-Signature   # the default
//       signature_timestamp_header: X-Grafana-Alerting-Signature-Timestamp
//       signature_max_skew: 5m     # how old a signed timestamp may be
//
// Regular expressions are RE2, anchored, as in Alertmanager.
//
// Success: `problems` is empty. Otherwise it lists every problem with file,
// line and key; a route that is not a map and an integration without a
// secret are left out, a route with a bad field is kept without it.
IngestConfig LoadIngestConfig(const std::string& text, const std::string& file);

// Parses one matcher: name="value", name!="value", name=~"re", name!~"re"
// (quotes optional). `error` says what is wrong when it returns nullopt.
std::optional<core::LabelMatcher> ParseMatcher(const std::string& text, std::string* error);

}  // namespace warroom::config
