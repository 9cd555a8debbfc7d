#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/clocks/business_calendar.hpp"
#include "core/severity/policy.hpp"

namespace warroom::engine {

// A policy with the business calendar of its business hours.
struct PolicyEntry {
  core::Policy policy;
  std::shared_ptr<const core::BusinessCalendar> calendar;
};

// Every policy version the server knows: new incidents run under the current
// one; an existing incident keeps the version it was declared under.
class PolicyRegistry {
 public:
  explicit PolicyRegistry(PolicyEntry current);
  void AddPrevious(PolicyEntry entry);
  const PolicyEntry& Current() const { return *current_; }
  // The entry of `version`, or the current one when it is unknown.
  const PolicyEntry& For(const std::string& version) const;

 private:
  std::map<std::string, std::shared_ptr<const PolicyEntry>> by_version_;
  std::shared_ptr<const PolicyEntry> current_;
};

}  // namespace warroom::engine
