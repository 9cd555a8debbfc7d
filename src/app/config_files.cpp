#include "app/config_files.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "config/policy_yaml.hpp"
#include "config/tz_zone.hpp"
#include "core/clocks/business_calendar.hpp"

namespace warroom::app {

namespace {

Result<engine::PolicyEntry> MakeEntry(core::Policy p) {
  WARROOM_ASSIGN_OR_RETURN(auto zone, config::LoadTimeZone(p.business_hours.time_zone));
  auto cal = std::make_shared<core::BusinessCalendar>(p.business_hours, std::move(zone));
  return engine::PolicyEntry{std::move(p), std::move(cal)};
}

}  // namespace

// The policy in force (the file, or the built-in default), recorded in the
// database by version, plus every version recorded before.
Result<std::shared_ptr<const engine::PolicyRegistry>> LoadPolicies(const std::string& file,
                                                                   store::Store& store,
                                                                   const Clock& clock) {
  core::Policy current = core::DefaultPolicy();
  if (!file.empty()) {
    auto loaded = config::LoadPolicyFile(file);
    if (!loaded.ok()) {
      // One problem a line, as `warroom policy check` prints them (the log
      // keeps one JSON object a line).
      for (const auto& p : loaded.problems) std::cerr << p.ToString() << "\n";
      return Error::InvalidArgument("the policy file " + file + " has " +
                                    std::to_string(loaded.problems.size()) +
                                    " problem(s), listed above");
    }
    current = std::move(loaded.policy);
  }
  std::string yaml = config::PolicyToYaml(current);
  std::vector<std::pair<std::string, std::string>> stored;
  WARROOM_RETURN_IF_ERROR(store.WriteSync([&](store::WriteTx& tx) -> Outcome {
    WARROOM_RETURN_IF_ERROR(tx.RecordPolicy(current.version, yaml, clock.Now()));
    WARROOM_ASSIGN_OR_RETURN(stored, tx.LoadPolicies());
    return Success();
  }));
  WARROOM_ASSIGN_OR_RETURN(auto entry, MakeEntry(std::move(current)));
  auto registry = std::make_shared<engine::PolicyRegistry>(std::move(entry));
  for (const auto& [version, text] : stored) {
    auto old = config::ParsePolicy(text, "stored policy " + version);
    if (!old.ok()) {
      spdlog::warn("stored policy {} no longer parses; its incidents use the current policy",
                   version);
      continue;
    }
    auto e = MakeEntry(std::move(old.policy));
    if (e.ok()) registry->AddPrevious(std::move(*e));
  }
  spdlog::info("policy {} in force ({} version(s) recorded)", registry->Current().policy.version,
               stored.size());
  return std::shared_ptr<const engine::PolicyRegistry>(std::move(registry));
}

std::vector<config::Problem> LoadConfig(const std::string& path, ConfigSections& sections) {
  auto& [templates, destinations, ingest, status_page, subscribers] = sections;
  std::ifstream in(path);
  if (!in)
    return {
        config::Problem{path, 0, "", "cannot read the file (check the path and its permissions)"}};
  std::stringstream ss;
  ss << in.rdbuf();
  auto problems = templates.LoadOverrides(ss.str(), path);
  destinations = notify::LoadDestinations(ss.str(), path);
  problems.insert(problems.end(), destinations.problems.begin(), destinations.problems.end());
  ingest = config::LoadIngestConfig(ss.str(), path);
  problems.insert(problems.end(), ingest.problems.begin(), ingest.problems.end());
  status_page = config::LoadStatusPageConfig(ss.str(), path);
  problems.insert(problems.end(), status_page.problems.begin(), status_page.problems.end());
  subscribers = notify::LoadSubscribers(ss.str(), path);
  problems.insert(problems.end(), subscribers.problems.begin(), subscribers.problems.end());
  return problems;
}

}  // namespace warroom::app
