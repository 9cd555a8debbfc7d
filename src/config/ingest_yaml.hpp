#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/policy_yaml.hpp"
#include "core/alerts/routing.hpp"

namespace warroom::config {

// How warroom checks that a webhook really comes from the integration's
// sender: an HMAC-SHA256 of the body with a shared secret, hex in a header.
struct SignatureCheck {
  std::string secret;  // from an environment variable or a file, never inline
  std::string header = "X-Grafana-Alerting-Signature";
};

struct IngestConfig {
  core::AlertRouting routing;
  std::map<std::string, SignatureCheck> signatures;  // by integration name
  std::vector<Problem> problems;                     // empty when usable
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
//       signature_header: X-Grafana-Alerting-Signature
//
// Regular expressions are RE2, anchored, as in Alertmanager.
IngestConfig LoadIngestConfig(const std::string& text, const std::string& file);

// Parses one matcher: name="value", name!="value", name=~"re", name!~"re"
// (quotes optional). `error` says what is wrong when it returns nullopt.
std::optional<core::LabelMatcher> ParseMatcher(const std::string& text, std::string* error);

}  // namespace warroom::config
