#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "config/ingest_yaml.hpp"
#include "config/policy_yaml.hpp"
#include "config/status_page_yaml.hpp"
#include "engine/policy_registry.hpp"
#include "notify/destinations.hpp"
#include "notify/subscribers_yaml.hpp"
#include "notify/templates.hpp"
#include "store/store.hpp"

namespace warroom::app {

// The notifications config file: template overrides, destinations, routes,
// people, alert routing, integrations and the status page. Every problem
// found, with file, line and key (none: all loaded); an unreadable file is
// one problem.
struct ConfigSections {
  notify::TemplateSet templates;
  notify::DestinationsConfig destinations;
  config::IngestConfig ingest;
  config::StatusPageConfig status_page;
  notify::SubscribersConfig subscribers;
};
std::vector<config::Problem> LoadConfig(const std::string& path, ConfigSections& sections);

// The policy in force (the file, or the built-in default when `file` is
// empty), recorded in the database by version, plus every version recorded
// before. kInvalidArgument when the file has problems (printed to stderr one
// a line, as `warroom policy check` prints them); the store's error when
// recording fails.
Result<std::shared_ptr<const engine::PolicyRegistry>> LoadPolicies(const std::string& file,
                                                                   store::Store& store,
                                                                   const Clock& clock);

}  // namespace warroom::app
