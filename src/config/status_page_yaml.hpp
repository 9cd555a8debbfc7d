#pragma once

#include <string>
#include <vector>

#include "config/policy_yaml.hpp"
#include "core/status_page/page.hpp"

namespace warroom::config {

// The `status_page` section as read: the settings (the defaults stand for
// what is missing or wrong) and every problem.
struct StatusPageConfig {
  core::status_page::PageSettings page;
  std::vector<Problem> problems;  // empty when usable
};

// Reads the `status_page` section of the config file:
//
//   status_page:
//     name: ACME Status
//     url: https://status.acme.example
//     logo_url: https://acme.example/logo.svg
//     time_zone: Europe/Berlin
//     history_days: 90
//     links: [{name: Support, url: "https://acme.example/support"}]
//     components:                 # in the order the page lists them
//       - {id: api, name: API, group: Platform, description: "The public REST API"}
//     severity_status: {P0: major_outage, P1: partial_outage, P2: degraded_performance}
//     severity_impact: {P0: critical, P1: major, P2: minor, P3: minor}
//     restricted_incident_name: Security incident   # what a restricted one's statement is under
//
// Every problem with file, line and key; the defaults stand for what is
// missing or wrong.
StatusPageConfig LoadStatusPageConfig(const std::string& text, const std::string& file);

}  // namespace warroom::config
