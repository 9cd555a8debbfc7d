#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace warroom::engine {

// Who is in a responder group. Behind one interface so that on-call rotations
// can later decide who a group means at a given time.
class GroupResolver {
 public:
  virtual ~GroupResolver() = default;
  // The members' handles, or nullopt when no such group is configured.
  virtual std::optional<std::vector<std::string>> Members(const std::string& group) const = 0;
};

// Groups as listed in the configuration's `responders` section.
class StaticGroups final : public GroupResolver {
 public:
  StaticGroups() = default;
  explicit StaticGroups(std::map<std::string, std::vector<std::string>> groups)
      : groups_(std::move(groups)) {}
  std::optional<std::vector<std::string>> Members(const std::string& group) const override {
    auto it = groups_.find(group);
    if (it == groups_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, std::vector<std::string>> groups_;
};

}  // namespace warroom::engine
