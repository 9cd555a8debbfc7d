#include "engine/policy_registry.hpp"

namespace warroom::engine {

PolicyRegistry::PolicyRegistry(PolicyEntry current)
    : current_(std::make_shared<const PolicyEntry>(std::move(current))) {
  by_version_[current_->policy.version] = current_;
}

void PolicyRegistry::AddPrevious(PolicyEntry entry) {
  std::string v = entry.policy.version;
  by_version_.try_emplace(v, std::make_shared<const PolicyEntry>(std::move(entry)));
}

const PolicyEntry& PolicyRegistry::For(const std::string& version) const {
  auto it = by_version_.find(version);
  return it == by_version_.end() ? *current_ : *it->second;
}

}  // namespace warroom::engine
